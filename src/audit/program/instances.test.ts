import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../report/markdown.js';
import { formatText } from '../../report/text.js';
import { tempProject } from '../../test-support/temp-project.js';
import { audit } from '../audit.js';

const app = `const app = express();\napp.get('/', (req, res) => res.send('ok'));\n`;

async function instances(files: Record<string, string>) {
  return (await audit({ paths: [tempProject(files)] })).instancesOnOneHost;
}

describe('several instances on one host', () => {
  it('sees node:cluster forking the web process, in TypeScript and in CommonJS', async () => {
    expect(
      await instances({
        'src/server.ts': `import cluster from 'node:cluster';\nimport { cpus } from 'node:os';\nimport express from 'express';\n${app}if (cluster.isPrimary) {\n  for (const _ of cpus()) cluster.fork();\n} else {\n  app.listen(3000);\n}\n`,
      }),
    ).toEqual([{ file: 'src/server.ts', line: 7, note: 'node:cluster forks workers that share the port' }]);
    expect(
      await instances({
        'server.js': `const { fork, isMaster } = require('cluster');\nconst express = require('express');\n${app}if (isMaster) fork(), fork();\nelse app.listen(3000);\n`,
      }),
    ).toEqual([{ file: 'server.js', line: 5, note: 'node:cluster forks workers that share the port' }]);
  });

  it('does not take child_process.fork or a fork method of the app for a cluster', async () => {
    expect(
      await instances({
        'server.js': `const { fork } = require('child_process');\nconst express = require('express');\n${app}fork('./worker.js');\nconst repo = { fork() {} };\nrepo.fork();\napp.listen(3000);\n`,
      }),
    ).toEqual([]);
  });

  it('reads PM2 process files: cluster mode with several instances, not one instance nor fork mode', async () => {
    const server = { 'server.js': `const express = require('express');\n${app}app.listen(3000);\n` };
    expect(
      await instances({
        ...server,
        'ecosystem.config.js': `module.exports = {\n  apps: [\n    { name: 'worker', script: 'worker.js' },\n    { name: 'web', script: 'server.js', exec_mode: 'cluster', instances: 'max' },\n  ],\n};\n`,
      }),
    ).toEqual([{ file: 'ecosystem.config.js', line: 4, note: 'PM2 runs several instances in cluster mode' }]);
    expect(await instances({ ...server, 'ecosystem.config.cjs': `module.exports = { apps: [{ script: 'server.js', exec_mode: 'cluster', instances: 1 }] };\n` })).toEqual([]);
    expect(await instances({ ...server, 'ecosystem.config.js': `module.exports = { apps: [{ script: 'server.js', exec_mode: 'fork', instances: 4 }] };\n` })).toEqual([]);
    expect(await instances({ ...server, 'ecosystem.json': JSON.stringify({ apps: [{ script: 'server.js', instances: -1, exec_mode: 'cluster_mode' }] }) })).toEqual([
      { file: 'ecosystem.json', line: 1, note: 'PM2 runs several instances in cluster mode' },
    ]);
  });

  it('reads `pm2 start … -i N` in package.json scripts, in workspace packages too', async () => {
    expect(
      await instances({
        'package.json': JSON.stringify({ private: true, workspaces: ['apps/*'] }),
        'apps/api/package.json': `{\n  "name": "api",\n  "scripts": {\n    "dev": "node server.js",\n    "start": "pm2-runtime start server.js -i max"\n  }\n}\n`,
        'apps/api/server.js': `const express = require('express');\n${app}app.listen(3000);\n`,
      }),
    ).toEqual([{ file: 'apps/api/package.json', line: 5, note: 'the `start` script starts PM2 with max instances' }]);
    expect(await instances({ 'package.json': JSON.stringify({ scripts: { start: 'pm2 start server.js -i 1' } }), 'server.js': `const express = require('express');\n${app}app.listen(3000);\n` })).toEqual([]);
  });

  it('says so at the top of the text and markdown reports', async () => {
    const result = await audit({
      paths: [tempProject({ 'server.js': `const cluster = require('node:cluster');\nconst express = require('express');\n${app}if (cluster.isPrimary) cluster.fork();\nelse app.listen(3000);\nsetInterval(() => {}, 1000);\n` })],
    });
    expect(formatText(result).split('\n').slice(0, 3)).toEqual([
      'This app already runs several instances on one host: every finding below breaks requests today, not only once it is scaled out.',
      '  server.js:5 node:cluster forks workers that share the port',
      '',
    ]);
    expect(formatMarkdown(result).split('\n').slice(2, 4)).toEqual([
      '> **This app already runs several instances on one host**: every finding below breaks requests today, not only once it is scaled out.',
      '> - `server.js:5` node:cluster forks workers that share the port',
    ]);
  });
});
