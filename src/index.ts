/** The ESLint plugin: `meta`, `rules`, and `configs.recommended` as a flat config. */
import type { ESLint, Linter, Rule } from 'eslint';
import { rules } from '../rules/index.js';
import { allChecks } from './catalog.js';
import { packageInfo } from './package-info.js';

/** Typed with ESLint's own types, so `configs.recommended` fits a typed `eslint.config.ts`. */
type Plugin = ESLint.Plugin & {
  rules: Record<keyof typeof rules, Rule.RuleModule>;
  configs: { recommended: Linter.Config };
};

const plugin: Plugin = {
  meta: { name: packageInfo.name, version: packageInfo.version },
  // typescript-eslint's RuleModule and ESLint's differ only in how they type the context.
  rules: rules as unknown as Plugin['rules'],
  configs: {} as Plugin['configs'],
};

plugin.configs.recommended = {
  name: 'stateless/recommended',
  plugins: { stateless: plugin },
  rules: Object.fromEntries(allChecks.map((check) => [`stateless/${check.id}`, 'error'])),
};

export default plugin;
export { rules };
export { allChecks, categories, checks, type Check, type CategoryId, type CheckId } from './catalog.js';
