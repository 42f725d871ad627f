import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allChecks, docsPath } from '../catalog.js';
import { generatedFiles, replaceGeneratedBlock } from './generated-docs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('generated docs', () => {
  for (const [file, render] of generatedFiles()) {
    it(`${file} matches the catalog (run \`npm run docs\` to update)`, () => {
      const text = readFileSync(`${root}${file}`, 'utf8');
      expect(render(text)).toBe(text);
    });
  }

  it('has a docs page for every check, with the sections every page needs', () => {
    for (const check of allChecks) {
      const path = `${root}${docsPath(check.id)}`;
      expect(existsSync(path), path).toBe(true);
      const text = readFileSync(path, 'utf8');
      for (const heading of ['## What it flags', '## Why it breaks scaling', '## Bad', '## Good', '## Options', '## Codemod']) {
        expect(text, `${check.id}: ${heading}`).toContain(heading);
      }
    }
  });

  it('replaces only the named block', () => {
    const text = 'a\n<!-- begin generated: x -->\nold\n<!-- end generated: x -->\nb\n';
    expect(replaceGeneratedBlock(text, 'x', 'new')).toBe('a\n<!-- begin generated: x -->\nnew\n<!-- end generated: x -->\nb\n');
    expect(() => replaceGeneratedBlock(text, 'y', 'new')).toThrow(/missing markers/);
  });
});
