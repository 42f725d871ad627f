#!/usr/bin/env node
// Extracts one corpus repository at its pinned commit (and subdirectory) from a local bare git directory into
// `.corpus/<name>/` (or `--out <dir>/<name>/`). Fetches nothing: the git directory must already hold the commit
// (e.g. a snapshot brought by the search library's `fetch`).
//
//   node corpus/extract.mjs <name> <git-dir> [--out .corpus]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const usage = 'usage: node corpus/extract.mjs <name> <git-dir> [--out .corpus]';

function fail(message) {
  console.error(message);
  process.exit(2);
}

const args = process.argv.slice(2);
let out = path.join(here, '..', '.corpus');
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') {
    if (!args[i + 1]) fail(usage);
    out = path.resolve(args[++i]);
  } else if (args[i] === '--help' || args[i] === '-h') {
    console.log(usage);
    process.exit(0);
  } else positional.push(args[i]);
}
if (positional.length !== 2) fail(usage);
const [name, gitDir] = positional;

const repos = JSON.parse(readFileSync(path.join(here, 'repos.json'), 'utf8'));
const entry = repos.find((repo) => repo.name === name);
if (!entry) fail(`corpus/extract.mjs: no repository named '${name}' in corpus/repos.json (known: ${repos.map((r) => r.name).join(', ')})`);
if (!existsSync(gitDir)) fail(`corpus/extract.mjs: git directory ${gitDir} does not exist`);

try {
  execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${entry.commit}^{commit}`], { stdio: 'ignore' });
} catch {
  fail(`corpus/extract.mjs: ${gitDir} does not hold commit ${entry.commit} of ${entry.repository}`);
}

const target = path.join(out, name);
const staging = `${target}.partial`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

// The snapshots `fetch` brings lack files of 4 MiB and more, so `git archive` stops at the first missing blob.
// Instead: list the tree, then stream the blobs through one `git cat-file --batch`, skipping what is missing.
const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', entry.commit, ...(entry.subdirectory ? ['--', entry.subdirectory] : [])], {
  maxBuffer: 1 << 30,
});
const entries = [];
for (const record of listing.toString('utf8').split('\0')) {
  if (!record) continue;
  const tab = record.indexOf('\t');
  const [mode, type, sha] = record.slice(0, tab).split(' ');
  if (type !== 'blob') continue; // submodules
  entries.push({ mode, sha, file: record.slice(tab + 1) });
}
const missing = await writeBlobs(gitDir, entries, staging);
if (missing.length) console.error(`${name}: ${missing.length} file(s) absent from the snapshot (too large): ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`);

/** Streams every entry's blob out of `git cat-file --batch` into `dir`; returns the paths whose blob is missing. */
function writeBlobs(gitDirectory, files, dir) {
  return new Promise((resolve, reject) => {
    const git = spawn('git', ['--git-dir', gitDirectory, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const absent = [];
    let index = 0;
    let buffer = Buffer.alloc(0);
    let need = -1; // bytes of content (+1 newline) still expected for files[index], or -1 while reading a header
    git.stdout.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (need < 0) {
          const newline = buffer.indexOf(10);
          if (newline < 0) return;
          const header = buffer.subarray(0, newline).toString('utf8');
          buffer = buffer.subarray(newline + 1);
          if (header.endsWith(' missing')) {
            absent.push(files[index++].file);
            continue;
          }
          need = Number(header.split(' ')[2]) + 1;
        }
        if (buffer.length < need) return;
        const content = buffer.subarray(0, need - 1);
        buffer = buffer.subarray(need);
        need = -1;
        const { mode, file } = files[index++];
        const target = path.join(dir, file);
        mkdirSync(path.dirname(target), { recursive: true });
        if (mode === '120000') {
          try {
            symlinkSync(content.toString('utf8'), target);
          } catch {
            // a link the file system refuses is left out
          }
        } else writeFileSync(target, content, { mode: mode === '100755' ? 0o755 : 0o644 });
      }
    });
    git.on('error', reject);
    git.on('close', (code) => (code === 0 ? resolve(absent) : reject(new Error(`git cat-file exited with ${code}`))));
    for (const { sha } of files) git.stdin.write(`${sha}\n`);
    git.stdin.end();
  }).catch((error) => fail(`corpus/extract.mjs: ${error.message}`));
}

const root = entry.subdirectory ? path.join(staging, entry.subdirectory) : staging;
if (!existsSync(root)) fail(`corpus/extract.mjs: ${entry.subdirectory} is not in ${entry.repository} at ${entry.commit}`);
rmSync(target, { recursive: true, force: true });
if (entry.subdirectory) {
  renameSync(root, target);
  rmSync(staging, { recursive: true, force: true });
} else {
  renameSync(staging, target);
}
console.log(`${name}: ${entry.repository}@${entry.commit.slice(0, 12)}${entry.subdirectory ? ` (${entry.subdirectory})` : ''} → ${path.relative(process.cwd(), target) || target}`);
