/**
 * Runs the two tools the corpus judges over one extracted repository: the audit (the built CLI with --format json,
 * in a child process so that a crash or a hang costs one repository, not the run) and ESLint with the plugin's
 * recommended config (its Node API, @typescript-eslint/parser for TypeScript and espree for JavaScript) over the
 * files the audit reads.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from '../../src/index.js';
import { checks, type CheckId } from '../../src/catalog.js';
import { collectSourceFiles } from '../../src/audit/load/source-files.js';
import type { Diagnostic } from '../../src/audit/model.js';
import type { Category, ToolFinding } from './scoring.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ToolRun {
  findings: ToolFinding[];
  /** How many files the tool read. */
  files: number;
  /** One-line notes: parse failures, diagnostics, a crash. */
  notes: string[];
  seconds: number;
}

/** The files the audit reads below `root` (same walk, same skips), relative and absolute. */
export function auditedFiles(root: string): { relative: string; path: string; text: string }[] {
  const diagnostics: Diagnostic[] = [];
  return collectSourceFiles(root, [root], [], diagnostics);
}

const SOURCE_FILE = /(?<!\.d)\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/u;

/**
 * Every source file below `root` (only .git skipped; .d.ts, .min.js, binary and files over 1 MiB left out as the
 * audit leaves them out): for `--lint-all`, to see what the rules find where the audit's walk does not look, such
 * as a repository's own checked-in packages/node_modules/.
 */
export function allSourceFiles(root: string): { relative: string; path: string; text: string }[] {
  const found: { relative: string; path: string; text: string }[] = [];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(absolute);
        continue;
      }
      if (!entry.isFile() || !SOURCE_FILE.test(entry.name) || entry.name.endsWith('.min.js')) continue;
      if (fs.statSync(absolute).size > 1024 * 1024) continue;
      const buffer = fs.readFileSync(absolute);
      if (buffer.subarray(0, 8192).includes(0)) continue;
      found.push({ relative: path.relative(root, absolute).split(path.sep).join('/'), path: absolute, text: buffer.toString('utf8') });
    }
  };
  walk(root);
  return found;
}

/** The command that runs the audit CLI: the build when there is one, else the sources through tsx. */
export function auditCommand(cliOverride?: string): string[] {
  if (cliOverride) return [process.execPath, path.resolve(cliOverride)];
  const built = path.join(repositoryRoot, 'dist/src/cli.js');
  if (fs.existsSync(built)) return [process.execPath, built];
  return [process.execPath, '--import', 'tsx', path.join(repositoryRoot, 'src/cli.ts')];
}

interface AuditJson {
  findings?: { file: string; line: number; category: Category; ruleId: string }[];
  summary?: { files?: number };
  diagnostics?: { severity: string; code: string }[];
}

/** Runs `stateless audit <root> --format json`; a crash, a timeout or unreadable output becomes a note. */
export async function runAudit(root: string, options: { cli?: string; timeoutSeconds: number }): Promise<ToolRun> {
  const started = Date.now();
  const [command, ...prefix] = auditCommand(options.cli);
  const args = [...prefix, 'audit', root, '--format', 'json'];
  const { code, stdout, stderr, timedOut } = await new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
    const child = spawn(command!, args, { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutSeconds * 1000);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => err.push(Buffer.from(String(error))));
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
  const seconds = (Date.now() - started) / 1000;
  const lastLine = (text: string) => text.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
  if (timedOut) return { findings: [], files: 0, notes: [`audit timed out after ${options.timeoutSeconds} s`], seconds };
  let parsed: AuditJson;
  try {
    parsed = JSON.parse(stdout) as AuditJson;
  } catch {
    return { findings: [], files: 0, notes: [`audit exited with ${code} without JSON output: ${lastLine(stderr) || lastLine(stdout) || 'no output'}`], seconds };
  }
  const notes: string[] = [];
  if (code !== 0 && code !== 1) notes.push(`audit exited with ${code}`);
  const byCode = new Map<string, number>();
  for (const diagnostic of parsed.diagnostics ?? []) byCode.set(diagnostic.code, (byCode.get(diagnostic.code) ?? 0) + 1);
  if (byCode.size > 0) notes.push(`audit diagnostics: ${[...byCode].map(([kind, count]) => `${count} ${kind}`).join(', ')}`);
  const findings = (parsed.findings ?? []).map(({ file, line, category, ruleId }) => ({ file, line, category, ruleId }));
  return { findings, files: parsed.summary?.files ?? 0, notes, seconds };
}

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

/** A flat config: the plugin's recommended rules, typescript-eslint's parser for TypeScript, espree for JavaScript. */
function eslintConfig(javascriptSourceType: 'module' | 'commonjs' | 'script'): Linter.Config[] {
  const recommended = plugin.configs.recommended;
  return [
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    // ESLint skips node_modules/ by default (even with `ignore: false`); a repository's own checked-in one is source here.
    { ignores: ['!**/node_modules/'] },
    { ...recommended, name: 'corpus/typescript', files: TS_FILES, languageOptions: { parser: tsParser, sourceType: 'module' } },
    {
      ...recommended,
      name: 'corpus/javascript',
      files: JS_FILES,
      languageOptions: { ecmaVersion: 'latest', sourceType: javascriptSourceType, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ];
}

function newEslint(root: string, javascriptSourceType: 'module' | 'commonjs' | 'script'): ESLint {
  return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: eslintConfig(javascriptSourceType) });
}

const categoryOfRule = (ruleId: string): Category | undefined => checks[ruleId.replace(/^stateless\//, '') as CheckId]?.category;

/**
 * Lints the files the audit reads (every source file with `allFiles`). JavaScript that espree cannot read as a module is tried again as CommonJS, then
 * as a script (old CommonJS code, `with`, legacy octals); what still fails is counted as a parse failure.
 */
export async function runEslint(root: string, options: { allFiles?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<ToolRun> {
  const { onProgress } = options;
  const started = Date.now();
  const files = options.allFiles ? allSourceFiles(root) : auditedFiles(root);
  const linters = { module: newEslint(root, 'module'), commonjs: newEslint(root, 'commonjs'), script: newEslint(root, 'script') };
  const findings: ToolFinding[] = [];
  const failures: string[] = [];
  let done = 0;
  for (const file of files) {
    let messages: Linter.LintMessage[] = [];
    let firstFatal: Linter.LintMessage | undefined;
    const isJavaScript = /\.(c|m)?jsx?$/u.test(file.relative);
    for (const mode of isJavaScript ? (['module', 'commonjs', 'script'] as const) : (['module'] as const)) {
      try {
        const [result] = await linters[mode].lintText(file.text, { filePath: file.path });
        messages = result?.messages ?? [];
      } catch (error) {
        messages = [{ fatal: true, message: `ESLint threw: ${(error as Error).message.split('\n')[0]}`, line: 1, column: 1, severity: 2, ruleId: null }];
      }
      firstFatal ??= messages.find((message) => message.fatal);
      if (!messages.some((message) => message.fatal)) break;
    }
    // The first attempt's error says why the file is not a module (a Flow annotation, say), not the last fallback's.
    if (messages.some((message) => message.fatal) && firstFatal) failures.push(`${file.relative}:${firstFatal.line} ${firstFatal.message.slice(0, 100)}`);
    for (const message of messages) {
      if (!message.ruleId?.startsWith('stateless/')) continue;
      const category = categoryOfRule(message.ruleId);
      if (category) findings.push({ file: file.relative, line: message.line, category, ruleId: message.ruleId.slice('stateless/'.length) });
    }
    onProgress?.(++done, files.length);
  }
  const notes = failures.length > 0 ? [`eslint could not parse ${failures.length} file(s), e.g. ${failures.slice(0, 2).join('; ')}`] : [];
  return { findings, files: files.length, notes, seconds: (Date.now() - started) / 1000 };
}
