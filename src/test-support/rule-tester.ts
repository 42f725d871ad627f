/** The RuleTester every rule test uses: TypeScript parser, ESM, files under src/ of a web app. */
import { RuleTester } from '@typescript-eslint/rule-tester';

export const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

/** A CommonJS JavaScript file (sourceType commonjs declares `require`, `module` and `exports`). */
export const commonjs = { filename: 'src/server.cjs', languageOptions: { sourceType: 'commonjs' as const } };
/** A plain script JavaScript file where `require` is an undeclared global, as in a TS project without node globals. */
export const script = { filename: 'src/server.js', languageOptions: { sourceType: 'script' as const } };
