/** Keeps a generated README table equal to what a proof suite measured. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { replaceGeneratedBlock } from '../docs/generated-docs.js';

const readmeFile = path.resolve(import.meta.dirname, '../../README.md');

/**
 * Asserts the README block `name` shows `table`; with STATELESS_WRITE_PROOF=1
 * (`STATELESS_WRITE_PROOF=1 npx vitest run src/proof`) writes it there instead.
 */
export function expectReadmeTable(name: string, table: string): void {
  const readme = fs.readFileSync(readmeFile, 'utf8');
  const expected = replaceGeneratedBlock(readme, name, table);
  if (process.env.STATELESS_WRITE_PROOF === '1') fs.writeFileSync(readmeFile, expected);
  else expect(readme).toBe(expected);
}
