/** migrate on a project with broken files: the run goes on, and what it cannot read it leaves byte for byte. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../test-support/temp-project.js';
import { planMigrationRun } from './migrate.js';
import { applyWrites } from './write-files.js';

describe('stateless migrate on bad input', () => {
  it('migrates the good files of a plain JavaScript project with a syntax error and a binary file beside them', async () => {
    const broken = "const app = require('express')(;\n";
    const binary = Buffer.from([0, 1, 2, 255, 0, 10]);
    const root = tempProject({
      'package.json': JSON.stringify({ name: 'plain', private: true }, null, 2),
      'server.js': [
        "const express = require('express');",
        "const session = require('express-session');",
        'const app = express();',
        "app.use(session({ secret: 'dev', resave: false, saveUninitialized: false }));",
        'app.listen(3000);',
        '',
      ].join('\n'),
      'broken.js': broken,
      'logo.js': binary,
    });
    const plan = await planMigrationRun({ paths: [root] });
    expect(applyWrites(plan.writes)).toEqual([]);
    expect(plan.fixed.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual(['server.js:4 no-memory-session-store']);
    expect(plan.audit.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.file}`)).toEqual(expect.arrayContaining(['syntax-error broken.js']));
    expect(fs.readFileSync(path.join(root, 'broken.js'), 'utf8')).toBe(broken);
    expect(fs.readFileSync(path.join(root, 'logo.js'))).toEqual(binary);
    // A project without a tsconfig gets the adapters in JavaScript, in its own module style.
    expect(plan.generated).toEqual(['stateless/redis.js']);
    expect(fs.readFileSync(path.join(root, 'stateless/redis.js'), 'utf8')).toContain("const { createClient } = require('redis');");
    expect(fs.readFileSync(path.join(root, 'server.js'), 'utf8')).toContain("const { redis } = require('./stateless/redis');");
  });
});
