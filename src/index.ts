/** The ESLint plugin: `meta`, `rules`, and `configs.recommended` as a flat config. */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.js';
import { allChecks } from './catalog.js';
import { packageInfo } from './package-info.js';

type Plugin = TSESLint.FlatConfig.Plugin & {
  rules: typeof rules;
  configs: { recommended: TSESLint.FlatConfig.Config };
};

const plugin: Plugin = {
  meta: { name: packageInfo.name, version: packageInfo.version },
  rules,
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
