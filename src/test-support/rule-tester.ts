/** The RuleTester every rule test uses: TypeScript parser, ESM, files under src/ of a web app. */
import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';

export const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

// ESLint's flat config reads `languageOptions.sourceType` at runtime; the tester's TestLanguageOptions type omits it.
const sourceType = (kind: 'commonjs' | 'script') => ({ sourceType: kind }) as TestLanguageOptions;

/** A CommonJS JavaScript file (sourceType commonjs declares `require`, `module` and `exports`). */
export const commonjs = { filename: 'src/server.cjs', languageOptions: sourceType('commonjs') };
/** A plain script JavaScript file where `require` is an undeclared global, as in a TS project without node globals. */
export const script = { filename: 'src/server.js', languageOptions: sourceType('script') };
