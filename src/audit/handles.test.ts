// Handles across files (src/semantics/handles.ts): a client, a module or a configuration value exported by one file
// and used or set by another is no shared state; a container, or a handle changed in place while serving, is.
import { describe, expect, it } from 'vitest';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';

const summary = async (files: Record<string, string>) => (await audit({ paths: [tempProject(files)] })).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

describe('handles used by other files', () => {
  it('does not report a client made in its own file and called by a handler of another (TypeScript)', async () => {
    expect(
      await summary({
        'src/server.ts': `import express from 'express';\nimport { connect, redis } from './lib/redis.js';\nconst app = express();\napp.post('/cart', async (req, res) => { await redis!.set(req.body.user, req.body.item); res.end(); });\nconnect(process.env.REDIS_URL!);\napp.listen(3000);\n`,
        'src/lib/redis.ts': `import Redis from 'ioredis';\nexport let redis: Redis | undefined;\nexport function connect(url: string) { redis = new Redis(url); }\nexport async function close() { await redis?.quit(); redis = undefined; }\n`,
      }),
    ).toEqual([]);
  });

  it('does not report a handle set by another file: an init parameter, a logger given at start-up, a module configured while serving (JavaScript)', async () => {
    expect(
      await summary({
        'src/server.js': `import express from 'express';\nimport { init, configure, setLogger } from './setup.js';\nconst app = express();\ninit({ theme: 'dark' });\nsetLogger(console);\napp.post('/sign', (req, res) => { configure(req.body.url); res.end(); });\napp.listen(3000);\n`,
        'src/setup.js': `import { runtimeAPI, Parse, logger } from './state.js';\nexport function init(_runtimeAPI) { runtimeAPI = _runtimeAPI; }\nexport function configure(url) { Parse.serverURL = url; }\nexport function setLogger(aLogger) { logger = aLogger; }\n`,
        'src/state.js': `export let runtimeAPI;\nexport var Parse = require('parse/node').Parse;\nexport let logger = console;\n`,
      }),
    ).toEqual([]);
  });

  it('reports a container made by its own file and filled by a handler of another, and a handle changed in place while serving', async () => {
    expect(
      await summary({
        'src/server.js': `import express from 'express';\nconst { entries, reset, settings } = require('./state.js');\nconst app = express();\nreset();\napp.post('/entries', (req, res) => { entries.set(req.body.key, req.body.value); res.end(); });\napp.post('/theme', (req, res) => { settings.theme = req.body.theme; res.end(); });\napp.listen(3000);\n`,
        'src/state.js': `export let entries = null;\nexport function reset() { entries = new Map(); }\nexport let settings = loadSettings();\n`,
      }),
    ).toEqual(['src/state.js:1 no-module-state', 'src/state.js:3 no-module-state']);
  });
});
