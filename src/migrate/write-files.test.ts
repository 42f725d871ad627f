import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyWrites, unifiedDiff } from './write-files.js';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function folder(): string {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-writes-'));
  folders.push(created);
  return created;
}

describe('applyWrites', () => {
  it('writes every file it can, reports the one it cannot, and leaves no temporary file behind', () => {
    const root = folder();
    fs.writeFileSync(path.join(root, 'a.ts'), 'old a\n');
    fs.writeFileSync(path.join(root, 'blocker'), 'a file where a folder should be\n');
    const failures = applyWrites([
      { file: path.join(root, 'a.ts'), before: 'old a\n', after: 'new a\n' },
      { file: path.join(root, 'blocker', 'b.ts'), before: undefined, after: 'b\n' },
      { file: path.join(root, 'src', 'stateless', 'redis.ts'), before: undefined, after: 'redis\n' },
    ]);
    expect(failures.map((failure) => path.relative(root, failure.file))).toEqual([path.join('blocker', 'b.ts')]);
    expect(fs.readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe('new a\n');
    expect(fs.readFileSync(path.join(root, 'blocker'), 'utf8')).toBe('a file where a folder should be\n');
    expect(fs.readFileSync(path.join(root, 'src', 'stateless', 'redis.ts'), 'utf8')).toBe('redis\n');
    expect(fs.readdirSync(root).filter((name) => name.includes('stateless-tmp'))).toEqual([]);
  });

  it('keeps the mode of a rewritten file', () => {
    const root = folder();
    const file = path.join(root, 'run.js');
    fs.writeFileSync(file, 'old\n', { mode: 0o755 });
    applyWrites([{ file, before: 'old\n', after: 'new\n' }]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o755);
  });
});

describe('unifiedDiff', () => {
  it('shows a new file against /dev/null with paths relative to the root', () => {
    const root = folder();
    expect(unifiedDiff(root, { file: path.join(root, 'src/x.ts'), before: undefined, after: 'x\n' })).toBe(
      '===================================================================\n--- /dev/null\n+++ b/src/x.ts\n@@ -0,0 +1,1 @@\n+x\n',
    );
  });
});
