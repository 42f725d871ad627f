/**
 * Every way a file reaches a library's API: default, named, namespace and renamed imports, `require` (whole,
 * destructured, renamed, inline), `import x = require()`, dynamic `import()`, `node:` specifiers; and look-alikes
 * that reach nothing (a local of the same name, a parameter shadowing the import). The API is `fs.writeFile`,
 * called while a request is handled.
 */
import type { ImportRow } from './row.js';

const writeFile = { module: 'fs', path: ['writeFile'] } as const;
const promisesWriteFile = { module: 'fs', path: ['promises', 'writeFile'] } as const;

function row(id: string, prelude: string, call: string, calls: ImportRow['expected']['calls'], typescript = false): ImportRow {
  const code = `${prelude}\napp.post('/save', async (req, res) => {\n  await ${call};\n  res.end();\n});\n`;
  return { topic: 'import', id, code, typescript, expected: { calls } };
}

export const importRows: readonly ImportRow[] = [
  row('default import', "import fs from 'fs';", "fs.writeFile('/tmp/out', 'x')", writeFile),
  row('namespace import', "import * as fs from 'fs';", "fs.writeFile('/tmp/out', 'x')", writeFile),
  row('named import', "import { writeFile } from 'fs';", "writeFile('/tmp/out', 'x')", writeFile),
  row('renamed import, node: specifier', "import { writeFile as save } from 'node:fs';", "save('/tmp/out', 'x')", writeFile),
  row('named promises import', "import { promises as fsp } from 'fs';", "fsp.writeFile('/tmp/out', 'x')", promisesWriteFile),
  row('require', "const fs = require('fs');", "fs.writeFile('/tmp/out', 'x')", writeFile),
  row('require destructured', "const { writeFile } = require('fs');", "writeFile('/tmp/out', 'x')", writeFile),
  row('require destructured renamed', "const { writeFile: save } = require('node:fs');", "save('/tmp/out', 'x')", writeFile),
  row('require inline', '', "require('fs').writeFile('/tmp/out', 'x')", writeFile),
  row('import = require', "import fs = require('fs');", "fs.writeFile('/tmp/out', 'x')", writeFile, true),
  row('dynamic import binding', "const fs = await import('fs');", "fs.writeFile('/tmp/out', 'x')", writeFile),
  row('dynamic import inline', '', "(await import('fs')).writeFile('/tmp/out', 'x')", writeFile),
  row('local of the same name', 'const fs = { writeFile: async (file, data) => {} };', "fs.writeFile('/tmp/out', 'x')", false),
  row('parameter shadowing the import', "import { writeFile } from 'fs';\nconst run = (writeFile) => writeFile;", "run(async () => {})('/tmp/out', 'x')", false),
  row('unrelated module', "import { writeFile } from './store.js';", "writeFile('/tmp/out', 'x')", false),
];
