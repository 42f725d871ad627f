// Which folders the audit reads: installed dependencies never, a repository's own packages kept in a `node_modules`
// folder (so that Node resolves them by name) always.
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test-support/temp-project.js';
import { collectSourceFiles } from './source-files.js';
import type { Diagnostic } from '../model.js';

const code = 'export const x = 1;\n';

function readFrom(files: Record<string, string>): { relative: string[]; diagnostics: Diagnostic[] } {
  const root = tempProject(files);
  const diagnostics: Diagnostic[] = [];
  return { relative: collectSourceFiles(root, [root], [], diagnostics).map((file) => file.relative), diagnostics };
}

describe('node_modules folders', () => {
  it('skips the one a package manager installs next to a package.json, at the root and in a workspace', () => {
    const { relative, diagnostics } = readFrom({
      'package.json': '{"name":"app","workspaces":["packages/*"]}',
      'server.js': code,
      'node_modules/express/index.js': code,
      'packages/api/package.json': '{"name":"api"}',
      'packages/api/index.js': code,
      'packages/api/node_modules/left-pad/index.js': code,
    });
    expect(relative).toEqual(['packages/api/index.js', 'server.js']);
    expect(diagnostics).toEqual([]);
  });

  it("reads a repository's own packages kept in a node_modules folder with no package.json beside it", () => {
    const { relative } = readFrom({
      'package.json': '{"name":"app","scripts":{"start":"node packages/node_modules/app/red.js"}}',
      'packages/node_modules/app/package.json': '{"name":"app"}',
      'packages/node_modules/app/red.js': code,
      'packages/node_modules/@app/runtime/package.json': '{"name":"@app/runtime"}',
      'packages/node_modules/@app/runtime/lib/index.js': code,
      // Their own installed dependencies are still skipped.
      'packages/node_modules/@app/runtime/node_modules/dep/index.js': code,
    });
    expect(relative).toEqual(['packages/node_modules/@app/runtime/lib/index.js', 'packages/node_modules/app/red.js']);
  });
});

describe('the rules in the audit', () => {
  it("report in a repository's own packages kept in a node_modules folder, as in its other files", async () => {
    const { audit } = await import('../audit.js');
    const root = tempProject({
      'package.json': '{"name":"app","scripts":{"start":"node packages/node_modules/app/red.js"}}',
      'packages/node_modules/app/package.json': '{"name":"app"}',
      'packages/node_modules/app/red.js': "const express = require('express');\nconst app = express();\nsetInterval(() => {}, 1000);\napp.listen(3000);\n",
      'node_modules/timers-lib/index.js': 'setInterval(() => {}, 1000);\n',
    });
    const result = await audit({ paths: [root] });
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual(['packages/node_modules/app/red.js:3 no-timers-in-web-process']);
  });
});
