import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { allChecks, checkIds, docsUrl } from './catalog.js';

describe('the plugin object', () => {
  it('has one rule per catalog check, with meta taken from the catalog', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual([...checkIds].sort());
    for (const check of allChecks) {
      const rule = plugin.rules[check.id];
      if (!rule.meta) throw new Error(`${check.id} has no meta`);
      expect(rule.meta.messages).toEqual(check.messages);
      expect(rule.meta.docs?.url).toBe(docsUrl(check.id));
      expect(rule.meta.type).toBe('problem');
      expect((rule.meta.docs as { category?: string } | undefined)?.category).toBe(check.category);
    }
  });

  it('names itself with the package name and version', () => {
    expect(plugin.meta?.name).toBe('eslint-plugin-stateless');
    expect(plugin.meta?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('offers configs.recommended as a flat config that enables every rule as an error', () => {
    const recommended = plugin.configs.recommended;
    expect(recommended.plugins?.['stateless']).toBe(plugin);
    expect(recommended.rules).toEqual(Object.fromEntries(checkIds.map((id) => [`stateless/${id}`, 'error'])));
  });

  it('runs in ESLint with the recommended config and reports with the plugin prefix', () => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      "import session from 'express-session';\nexport const mw = session({ secret: 's' });\n",
      [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended],
      'src/app.ts',
    );
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['stateless/no-memory-session-store', 2, 19]]);
  });
});
