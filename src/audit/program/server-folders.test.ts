// A repository that holds more than its server: findings in top-level folders no entry reaches are left out, with
// one diagnostic naming the folders; folders the server reaches any file of are audited whole.
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test-support/temp-project.js';
import { audit } from '../audit.js';
import { filesOutsideServer } from './server-folders.js';

const moduleState = 'export const seen = new Map();\nexport function remember(key) { seen.set(key, Date.now()); }\nsetInterval(() => seen.clear(), 60_000);\n';

describe('filesOutsideServer', () => {
  const files = ['server/index.js', 'server/plugins/loaded-by-path.js', 'app/hooks/useThing.js', 'spec/helper.js', 'setup.js', 'packages/web/src/main.js', 'packages/api/src/index.js', 'packages/api/tools/x.js'];
  const packageDir = (file: string) => (file.startsWith('packages/web/') ? 'packages/web' : file.startsWith('packages/api/') ? 'packages/api' : '.');

  it('lists the files of top-level folders (per package) with no reached file; files at a package root are kept', () => {
    const reached = new Set(['server/index.js', 'packages/api/src/index.js']);
    expect([...filesOutsideServer(files, reached, packageDir)]).toEqual([
      ['app/hooks/useThing.js', 'app/'],
      ['spec/helper.js', 'spec/'],
      ['packages/web/src/main.js', 'packages/web/src/'],
      ['packages/api/tools/x.js', 'packages/api/tools/'],
    ]);
  });

  it('lists nothing when nothing is reached', () => {
    expect([...filesOutsideServer(files, new Set(), packageDir)]).toEqual([]);
  });
});

describe('the audit of a repository with a browser app and tests beside the server', () => {
  it('reports the server folder whole, and leaves the other folders out with one diagnostic', async () => {
    const root = tempProject({
      'package.json': '{"name":"app","scripts":{"start":"node server/index.js"}}',
      'server/index.js': "const express = require('express');\nconst { remember } = require('./state');\nconst app = express();\napp.get('/', (req, res) => { remember(req.query.k); res.end(); });\napp.listen(3000);\n",
      'server/state.js': moduleState,
      // Loaded by a computed path: not in the import graph, but in a folder the server reaches.
      'server/plugins/cache.js': moduleState,
      'app/stores/seen.js': moduleState,
      'spec/helper.js': moduleState,
    });
    const result = await audit({ paths: [root] });
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([
      'server/plugins/cache.js:1 no-module-state',
      'server/plugins/cache.js:3 no-timers-in-web-process',
      'server/state.js:1 no-module-state',
      'server/state.js:3 no-timers-in-web-process',
    ]);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === 'outside-server')).toEqual([
      {
        severity: 'info',
        code: 'outside-server',
        message: 'findings in 2 files of app/, spec/ left out: no web or worker entry imports any file of those folders (a browser app, tests or tools?); list an entry in the stateless config if one runs there',
      },
    ]);
  });

  it('reports every folder when no entry is found', async () => {
    const root = tempProject({ 'lib/state.js': moduleState, 'app/stores/seen.js': moduleState });
    const result = await audit({ paths: [root] });
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([
      'app/stores/seen.js:1 no-module-state',
      'app/stores/seen.js:3 no-timers-in-web-process',
      'lib/state.js:1 no-module-state',
      'lib/state.js:3 no-timers-in-web-process',
    ]);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['no-web-entry']);
  });
});
