// The rules in chunks shared by worker threads and the main thread find exactly what one thread finds.
import { afterEach, describe, expect, it } from 'vitest';
import { tempProject } from '../../test-support/temp-project.js';
import { audit } from '../audit.js';

/** 90 files, so nine chunks: every tenth keeps a module-level cache, one does not parse. */
function manyFiles(): string {
  const files: Record<string, string> = {
    'src/server.ts': `import express from 'express';\n${Array.from({ length: 89 }, (_, index) => `import { handler${index} } from './routes/route-${index}.js';`).join('\n')}\nconst app = express();\n${Array.from({ length: 89 }, (_, index) => `app.get('/r${index}', handler${index});`).join('\n')}\napp.listen(3000);\n`,
  };
  for (let index = 0; index < 89; index++) {
    const cache = index % 10 === 0 ? `const seen = new Map<string, number>();\n` : '';
    const use = index % 10 === 0 ? `  seen.set(String(req.query.id), Date.now());\n` : '';
    files[`src/routes/route-${index}.ts`] = index === 45 ? `export const handler45 = (req, res) => {\n` : `import type { Request, Response } from 'express';\n${cache}export function handler${index}(req: Request, res: Response) {\n${use}  res.json({ ok: ${index} });\n}\n`;
  }
  return tempProject(files);
}

describe('rules shared between threads', () => {
  afterEach(() => {
    delete process.env['STATELESS_WORKERS'];
  });

  it('gives the same findings and diagnostics in the same order with 0, 1 and 2 workers', async () => {
    const dir = manyFiles();
    const results = [];
    for (const workers of ['0', '1', '2']) {
      process.env['STATELESS_WORKERS'] = workers;
      results.push(await audit({ paths: [dir] }));
    }
    const [single, one, two] = results;
    expect(single!.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(
      [0, 10, 20, 30, 40, 50, 60, 70, 80].map((index) => `src/routes/route-${index}.ts:2 no-module-state`),
    );
    expect(single!.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['syntax-error src/routes/route-45.ts']);
    expect(one!.findings).toEqual(single!.findings);
    expect(one!.diagnostics).toEqual(single!.diagnostics);
    expect(two!.findings).toEqual(single!.findings);
    expect(two!.diagnostics).toEqual(single!.diagnostics);
  });
});
