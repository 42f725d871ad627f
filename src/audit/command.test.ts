import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { categories } from '../catalog.js';
import { CLEAR_LINE } from '../terminal.js';
import { audit, type AuditProgress } from './audit.js';
import { auditProgressText, showAuditProgress } from './command.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The environment without the colour settings of whoever runs the tests, plus `env`. */
function environment(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = process.env;
  return { ...rest, ...env };
}

function statelessWith(options: { env?: Record<string, string>; uid?: number; timeout?: number }, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: environment(options.env),
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

function stateless(...args: string[]) {
  return statelessWith({}, ...args);
}

function cleanProject(): string {
  const dir = fs.mkdtempSync(path.join(work, 'clean-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/server.ts'), "import express from 'express';\nexpress().listen(3000);\n");
  return dir;
}

describe('stateless audit', () => {
  it('exits 1 with findings and prints the text report grouped by checklist item', () => {
    const { code, stdout, stderr } = stateless('audit', 'fixtures/apps/express-shop');
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('sessions — Sessions live in a shared store, not in process memory (1)');
    expect(stdout).toContain('  src/app.ts:21:11  stateless/no-memory-session-store');
    expect(stdout).toContain('evidence: src/server.ts:21 web process entry: calls httpServer.listen()');
    expect(stdout).toContain('fix: stateless migrate --codemod session-redis');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('✖ 12 findings in 11 of 19 files');
  });

  it('exits 0 on a clean project', () => {
    const { code, stdout } = stateless('audit', cleanProject());
    expect(code).toBe(0);
    expect(stdout).toContain('✔ no findings in 1 file');
  });

  it('writes JSON with the documented schema to --output', () => {
    const output = path.join(work, 'report.json');
    const { code, stdout } = stateless('audit', 'fixtures/apps/express-shop', '--format', 'json', '--output', output);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(Object.keys(report)).toEqual(['version', 'root', 'processes', 'instancesOnOneHost', 'summary', 'findings', 'diagnostics']);
    expect(report.version).toBe(1);
    expect(Object.keys(report.findings[0])).toEqual(['ruleId', 'category', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'remedy', 'codemod', 'evidence', 'fingerprint']);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const { code, stdout } = stateless('audit', 'fixtures/apps/express-shop', '--format', 'sarif');
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
    ajv.addMetaSchema(JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/ajv/lib/refs/json-schema-draft-04.json'), 'utf8')));
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules).toHaveLength(7);
    expect(run.results).toHaveLength(12);
    expect(run.results[0].partialFingerprints['statelessFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes a baseline with --update-baseline, after which the audit is clean', () => {
    const baseline = path.join(work, 'baseline.json');
    const update = stateless('audit', 'fixtures/apps/express-shop', '--baseline', baseline, '--update-baseline');
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('wrote 12 finding(s)');
    const again = stateless('audit', 'fixtures/apps/express-shop', '--baseline', baseline, '--format', 'json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).summary.baselined).toBe(12);
  });

  it('exits 2 on usage errors, with a message and no stack trace', () => {
    for (const args of [['--format', 'xml'], ['--category', 'sessionz'], ['--update-baseline'], ['--no-such-flag'], ['does/not/exist']]) {
      const { code, stderr } = stateless('audit', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^stateless audit: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('stateless audit: nothing to audit', () => {
  it.each([
    ['an empty folder', {}],
    ['a folder without source files', { 'README.md': '# notes\n', 'data.json': '{}\n' }],
  ])('exits 2 on %s, with one line on stderr and no report', (_name, files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(work, 'empty-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const { code, stdout, stderr } = stateless('audit', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`stateless audit: nothing to audit: no JavaScript or TypeScript source files found below ${dir}\n`);
  });
});

describe('stateless audit: every file skipped', () => {
  it('exits 2 saying why each file was skipped', () => {
    const dir = fs.mkdtempSync(path.join(work, 'bundles-'));
    fs.writeFileSync(path.join(dir, 'app.bundle.js'), `var a=1;${'a+=1;'.repeat(2000)}\n`);
    fs.writeFileSync(path.join(dir, 'blob.js'), Buffer.from([0, 1, 2, 3]));
    const { code, stdout, stderr } = stateless('audit', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `stateless audit: nothing to audit: no JavaScript or TypeScript source files found below ${dir} ` +
        '(app.bundle.js: skipped, minified or bundled code (lines of 5005 characters on average), not the app\'s source; audit the sources it was built from; ' +
        'blob.js: skipped, it is binary, not source text)\n',
    );
  });
});

describe('stateless audit --category', () => {
  const item = (id: keyof typeof categories) => `${id.padEnd(8)} ${categories[id].checklistItem}`;

  it('shows the categories it did not check as not checked in the text checklist', () => {
    const { code, stdout } = stateless('audit', 'fixtures/apps/express-shop', '--category', 'files');
    expect(code).toBe(1);
    expect(stdout.slice(stdout.indexOf('checklist:\n')).split('\n')).toEqual([
      'checklist:',
      `  - ${item('sessions')} — not checked (--category)`,
      `  - ${item('caches')} — not checked (--category)`,
      `  ✖ ${item('files')} — 2 findings`,
      `  - ${item('jobs')} — not checked (--category)`,
      `  - ${item('realtime')} — not checked (--category)`,
      `  - ${item('counters')} — not checked (--category)`,
      '',
      '✖ 2 findings in 2 of 19 files',
      '',
    ]);
  });

  it('leaves the boxes of unchecked categories open in markdown, saying why', () => {
    const { stdout } = stateless('audit', cleanProject(), '--category', 'files,realtime', '--format', 'markdown');
    expect(stdout.split('\n').filter((line) => line.startsWith('- ['))).toEqual([
      `- [ ] **sessions**: ${categories.sessions.checklistItem} — not checked (--category)`,
      `- [ ] **caches**: ${categories.caches.checklistItem} — not checked (--category)`,
      `- [x] **files**: ${categories.files.checklistItem}`,
      `- [ ] **jobs**: ${categories.jobs.checklistItem} — not checked (--category)`,
      `- [x] **realtime**: ${categories.realtime.checklistItem}`,
      `- [ ] **counters**: ${categories.counters.checklistItem} — not checked (--category)`,
    ]);
  });

  it('names the checked categories in the JSON summary, in checklist order; all of them without --category', () => {
    const project = cleanProject();
    const only = JSON.parse(stateless('audit', project, '--category', 'realtime,files', '--format', 'json').stdout);
    expect(only.summary.checked).toEqual(['files', 'realtime']);
    const all = JSON.parse(stateless('audit', project, '--format', 'json').stdout);
    expect(all.summary.checked).toEqual(['sessions', 'caches', 'files', 'jobs', 'realtime', 'counters']);
  }, 120_000);
});

describe('stateless audit colour', () => {
  it('is off in a pipe, and with NO_COLOR or FORCE_COLOR=0', () => {
    const project = cleanProject();
    const expected = `${[...plainChecklistFor('✔'), '', '✔ no findings in 1 file'].join('\n')}\n`;
    expect(stateless('audit', project).stdout).toBe(expected);
    expect(statelessWith({ env: { NO_COLOR: '1' } }, 'audit', project).stdout).toBe(expected);
    expect(statelessWith({ env: { FORCE_COLOR: '0' } }, 'audit', project).stdout).toBe(expected);
  }, 120_000);

  it('colours headings, marks and paths with FORCE_COLOR=1, but never a file written with --output', () => {
    const { stdout } = statelessWith({ env: { FORCE_COLOR: '1' } }, 'audit', 'fixtures/apps/express-shop', '--category', 'files');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`\x1b[1mfiles — ${categories.files.checklistItem} (2)\x1b[22m`);
    expect(lines[1]).toBe('  \x1b[2msrc/routes/avatar.ts:8:16\x1b[22m  stateless/no-local-file-write');
    expect(lines).toContain('\x1b[1mchecklist:\x1b[22m');
    expect(lines).toContain(`  \x1b[31m✖\x1b[39m files    ${categories.files.checklistItem} — 2 findings`);
    expect(lines.at(-2)).toBe('\x1b[31m✖ 2 findings\x1b[39m in 2 of 19 files');
    const clean = statelessWith({ env: { FORCE_COLOR: '1' } }, 'audit', cleanProject());
    expect(clean.stdout.split('\n')).toContain(`  \x1b[32m✔\x1b[39m sessions ${categories.sessions.checklistItem}`);
    expect(clean.stdout.trimEnd().split('\n').at(-1)).toBe('\x1b[32m✔ no findings\x1b[39m in 1 file');
    const output = path.join(work, 'coloured.txt');
    expect(statelessWith({ env: { FORCE_COLOR: '1' } }, 'audit', cleanProject(), '--output', output).code).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toBe(`${[...plainChecklistFor('✔'), '', '✔ no findings in 1 file'].join('\n')}\n`);
  }, 120_000);
});

describe('stateless audit progress', () => {
  function fakeTerminal() {
    const writes: string[] = [];
    return { writes, stream: { isTTY: true, write: (text: string) => writes.push(text) } };
  }

  it('describes each stage of the audit in one line', () => {
    expect(auditProgressText({ stage: 'reading', done: 0, total: 0 })).toBe('stateless: reading files…');
    expect(auditProgressText({ stage: 'parsing', done: 1200, total: 3000 })).toBe('stateless: parsing 1200/3000 files');
    expect(auditProgressText({ stage: 'analyzing', done: 0, total: 3000 })).toBe('stateless: following imports and handlers in 3000 files…');
    expect(auditProgressText({ stage: 'rules', done: 2990, total: 3000 })).toBe('stateless: checking 2990/3000 files with the rules');
  });

  it('shows the progress on a terminal ten times a second at most, and clears it when stopped or at exit', () => {
    const { writes, stream } = fakeTerminal();
    let now = 0;
    const exitListeners = process.listenerCount('exit');
    const progress = showAuditProgress(stream, () => now);
    expect(process.listenerCount('exit')).toBe(exitListeners + 1);
    progress.onProgress({ stage: 'reading', done: 0, total: 0 });
    now = 5;
    progress.onProgress({ stage: 'parsing', done: 1, total: 3000 });
    // One file parsed every millisecond for three seconds: 30 updates, one every 100 files.
    for (let done = 2; done <= 3000; done++) {
      now += 1;
      progress.onProgress({ stage: 'parsing', done, total: 3000 });
    }
    expect(writes).toEqual([
      `${CLEAR_LINE}stateless: reading files…`,
      ...Array.from({ length: 30 }, (_, index) => `${CLEAR_LINE}stateless: parsing ${1 + 100 * index}/3000 files`),
    ]);
    // The exit listener erases a line still shown (a run that ends without stop()).
    (process.listeners('exit').at(-1) as () => void)();
    expect(writes.at(-1)).toBe(CLEAR_LINE);
    progress.onProgress({ stage: 'rules', done: 10, total: 3000 });
    progress.stop();
    expect(writes.slice(-2)).toEqual([`${CLEAR_LINE}stateless: checking 10/3000 files with the rules`, CLEAR_LINE]);
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const writes: string[] = [];
    const progress = showAuditProgress({ isTTY: false, write: (text: string) => writes.push(text) });
    progress.onProgress({ stage: 'parsing', done: 1, total: 2 });
    progress.stop();
    expect(writes).toEqual([]);
  });

  it('hears every stage of the audit in order: reading, each file parsed, the analysis, the rules', async () => {
    const events: AuditProgress[] = [];
    const workers = process.env['STATELESS_WORKERS'];
    process.env['STATELESS_WORKERS'] = '0';
    try {
      await audit({ paths: ['fixtures/apps/express-shop'], cwd: repoRoot, onProgress: (progress) => events.push({ ...progress }) });
    } finally {
      if (workers === undefined) delete process.env['STATELESS_WORKERS'];
      else process.env['STATELESS_WORKERS'] = workers;
    }
    expect(events).toEqual([
      { stage: 'reading', done: 0, total: 0 },
      ...Array.from({ length: 19 }, (_, index) => ({ stage: 'parsing', done: index + 1, total: 19 })),
      { stage: 'analyzing', done: 0, total: 19 },
      { stage: 'rules', done: 10, total: 19 },
      { stage: 'rules', done: 19, total: 19 },
    ]);
  });

  // `script` runs the CLI on a pseudo-terminal, as a person at a terminal would.
  it.skipIf(!fs.existsSync('/usr/bin/script'))('on a terminal, clears the progress line before the results and before an error', () => {
    const onTerminal = (args: string) =>
      spawnSync('/usr/bin/script', ['-qec', `${process.execPath} --import tsx src/cli.ts ${args}`, '/dev/null'], { cwd: repoRoot, encoding: 'utf8', env: environment({ NO_COLOR: '1' }) }).stdout;
    const failed = onTerminal('audit does/not/exist');
    expect(failed).toBe(`${CLEAR_LINE}stateless: reading files…${CLEAR_LINE}stateless audit: nothing to audit: does/not/exist does not exist\r\n`);
    const project = cleanProject();
    const clean = onTerminal(`audit ${project}`);
    const report = clean.slice(clean.indexOf('checklist:'));
    expect(report).toBe(`${[...plainChecklistFor('✔'), '', '✔ no findings in 1 file'].join('\r\n')}\r\n`);
    expect(clean.slice(0, clean.indexOf('checklist:'))).toMatch(/^(\r\x1b\[Kstateless: [^\r\n]*)+\r\x1b\[K$/);
  }, 120_000);
});

function plainChecklistFor(mark: string): string[] {
  return ['checklist:', ...Object.keys(categories).map((id) => `  ${mark} ${id.padEnd(8)} ${categories[id as keyof typeof categories].checklistItem}`)];
}

describe('stateless audit: a report or baseline that cannot be written', () => {
  // Root may write anywhere: then the CLI runs as nobody, for whom the folder is read-only as for any user.
  const asUser = process.getuid?.() === 0 ? { uid: 65534 } : {};
  function readOnlyFolder(): string {
    fs.chmodSync(work, 0o755);
    const dir = fs.mkdtempSync(path.join(work, 'read-only-'));
    fs.chmodSync(dir, 0o555);
    return dir;
  }

  it.each([
    ['--output <file>', (dir: string) => ['--output', path.join(dir, 'report.txt')], (dir: string) => `cannot write ${dir}/report.txt: permission denied (EACCES)`],
    ['--output <new folder>/<file>', (dir: string) => ['--output', path.join(dir, 'reports/report.txt')], (dir: string) => `cannot write ${dir}/reports/report.txt: cannot create the folder ${dir}/reports: permission denied (EACCES)`],
    ['--update-baseline', (dir: string) => ['--baseline', path.join(dir, 'baseline.json'), '--update-baseline'], (dir: string) => `cannot write ${dir}/baseline.json: permission denied (EACCES)`],
  ])('exits 2 with one line for %s in a read-only folder', (_name, args, message) => {
    const dir = readOnlyFolder();
    const { code, stdout, stderr } = statelessWith({ ...asUser, timeout: 20_000 }, 'audit', 'fixtures/apps/express-shop', ...args(dir));
    expect(stderr).toBe(`stateless audit: ${message(dir)}\n`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });

  it('exits 2 at once for a path below /proc (recursive mkdir spins forever there)', () => {
    const { code, stdout, stderr, signal } = statelessWith({ timeout: 20_000 }, 'audit', 'fixtures/apps/express-shop', '--output', '/proc/stateless-test/report.json');
    expect(signal).toBeNull();
    expect(stderr).toBe('stateless audit: cannot write /proc/stateless-test/report.json: cannot create the folder /proc/stateless-test: the file system does not allow creating it (ENOENT)\n');
    expect(code).toBe(2);
    expect(stdout).toBe('');
  }, 30_000);
});

describe('stateless audit: file names are data', () => {
  const body = "import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: 'x' }));\napp.listen(3000);\n";
  const names = ['evil\n::error title=pwned::owned.ts', 'we|ird`<b>&.ts', 'a #1?%.ts', 'bell\x07\x1b[2J.ts'];
  function hostileProject(): string {
    const dir = fs.mkdtempSync(path.join(work, 'names-'));
    fs.mkdirSync(path.join(dir, 'src'));
    for (const name of names) fs.writeFileSync(path.join(dir, 'src', name), body);
    return dir;
  }
  const project = hostileProject();

  it('text: control characters are escaped, so that no line can start a GitHub Actions command', () => {
    const { code, stdout } = stateless('audit', project);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('::'))).toEqual([]);
    expect(stdout).not.toContain('\x07');
    expect(stdout).not.toContain('\x1b');
    expect(lines).toContain('  src/evil\\n::error title=pwned::owned.ts:4:9  stateless/no-memory-session-store');
    expect(lines).toContain('    evidence: src/evil\\n::error title=pwned::owned.ts:5 web process entry: calls app.listen()');
    expect(lines).toContain('  src/bell\\x07\\x1b[2J.ts:4:9  stateless/no-memory-session-store');
    expect(lines.at(-2)).toBe('✖ 4 findings in 4 of 4 files');
  });

  it('markdown: one table row per finding, the location a code span that holds the name as it is', () => {
    const { stdout } = stateless('audit', project, '--format', 'markdown');
    const table = stdout.slice(stdout.indexOf('| where |'), stdout.indexOf('\n\n<sub>')).split('\n');
    expect(table).toHaveLength(2 + names.length);
    for (const row of table) expect(row).toMatch(/^\|.*\|$/);
    expect(table.slice(2).map((row) => row.slice(0, row.indexOf(' | ['))).sort()).toEqual([
      '| ``src/we\\|ird`<b>&.ts:4``',
      '| `src/a #1?%.ts:4`',
      '| `src/bell\\x07\\x1b[2J.ts:4`',
      '| `src/evil\\n::error title=pwned::owned.ts:4`',
    ]);
  });

  it('SARIF: artifact URIs are percent-encoded paths', () => {
    const sarif = JSON.parse(stateless('audit', project, '--format', 'sarif').stdout);
    const uris = sarif.runs[0].results.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.sort()).toEqual(['src/a%20%231%3F%25.ts', 'src/bell%07%1B%5B2J.ts', 'src/evil%0A%3A%3Aerror%20title%3Dpwned%3A%3Aowned.ts', 'src/we%7Cird%60%3Cb%3E%26.ts']);
  });
});

describe('stateless audit after stateless migrate', () => {
  it('reports the guidance migrate left for a finding it skipped, not the codemod that skipped it', () => {
    const dir = fs.mkdtempSync(path.join(work, 'migrated-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(
      path.join(dir, 'src/server.ts'),
      "import express from 'express';\n\nlet requestCount = 0;\n\nconst app = express();\napp.use((_req, _res, next) => {\n  requestCount++;\n  next();\n});\napp.get('/stats', (_req, res) => {\n  res.json({ requestCount });\n});\napp.listen(3000);\n",
    );
    const migrate = stateless('migrate', dir, '--force');
    expect(migrate.code).toBe(1);
    // The comment migrate left above the declaration it would not rewrite.
    const todo = fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8').split('\n')[2]!;
    expect(todo).toMatch(/^\/\/ TODO\(stateless\): \S/);
    const { code, stdout } = stateless('audit', dir);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines).toContain('  src/server.ts:4:5  stateless/no-memory-rate-limit');
    expect(lines).toContain(`    left by stateless migrate, fix by hand: ${todo.slice('// TODO(stateless): '.length)}`);
    expect(stdout).not.toContain('fix: stateless migrate --codemod');
  }, 120_000);
});
