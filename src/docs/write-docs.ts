/** `npm run docs`: rewrites the generated blocks of README.md and docs/rules/*.md from the catalog. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-docs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
for (const [file, render] of generatedFiles()) {
  const path = `${root}${file}`;
  if (!existsSync(path)) {
    process.stderr.write(`missing ${file}: write it with the generated-block markers, then run again\n`);
    process.exitCode = 1;
    continue;
  }
  const before = readFileSync(path, 'utf8');
  const after = render(before);
  if (after !== before) {
    writeFileSync(path, after);
    process.stdout.write(`updated ${file}\n`);
  }
}
