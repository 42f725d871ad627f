/**
 * Babel's ESLint parser (@babel/eslint-parser 7) as the rules' tests use it, with the JSX and decorators plugins
 * (NestJS written in JavaScript). Its scope manager is eslint-scope 5's, which lacks what ESLint 10 asks of a
 * parser's scope manager (babel/babel#17804): `addGlobals()`, and references to the file's own global `var`s and
 * functions resolved. Both are added here as ESLint 9 did them, so the rules see what they would under ESLint 9.
 */
import * as babel from '@babel/eslint-parser';
import type { Linter, Scope } from 'eslint';
import { createRequire } from 'node:module';

/** eslint-scope 5's Variable, from the copy @babel/eslint-parser loads. */
const require = createRequire(createRequire(import.meta.url).resolve('@babel/eslint-parser'));
const { Variable } = require('@nicolo-ribaudo/eslint-scope-5-internals') as { Variable: new (name: string, scope: Scope.Scope) => Scope.Variable };

/** The parser options the tests give Babel: no config file, JSX, and decorators before `export`. */
export const babelParserOptions = {
  requireConfigFile: false,
  babelOptions: { babelrc: false, configFile: false, parserOpts: { plugins: ['jsx', ['decorators', { decoratorsBeforeExport: true }]] } },
};

/** ESLint 10's `ScopeManager#addGlobals` (eslint-scope 9), for eslint-scope 5's global scope. */
function addGlobals(globalScope: Scope.Scope & { through: Scope.Reference[] }, names: readonly string[]): void {
  for (const name of names) {
    if (globalScope.set.has(name)) continue;
    const variable = new Variable(name, globalScope);
    globalScope.variables.push(variable);
    globalScope.set.set(name, variable);
  }
  // The added globals, and the file's own top-level `var`s and functions in a script.
  globalScope.through = globalScope.through.filter((reference) => {
    const variable = globalScope.set.get(reference.identifier.name);
    if (!variable) return true;
    reference.resolved = variable;
    variable.references.push(reference);
    return false;
  });
}

/** @babel/eslint-parser with a scope manager ESLint 10 can finalize. */
export const babelParser: Linter.Parser = {
  meta: { name: 'babel-eslint-parser-for-eslint-10', version: babel.meta?.version },
  parseForESLint(code: string, options?: Record<string, unknown>) {
    const result = babel.parseForESLint(code, options);
    const scopeManager = result.scopeManager as (Scope.ScopeManager & { addGlobals?: (names: readonly string[]) => void }) | undefined;
    if (scopeManager && !scopeManager.addGlobals) {
      scopeManager.addGlobals = (names) => addGlobals(scopeManager.globalScope as Scope.Scope & { through: Scope.Reference[] }, names);
    }
    return result;
  },
};
