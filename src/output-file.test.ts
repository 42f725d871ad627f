import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputFileError, prepareOutputFile, writeOutputFile } from './output-file.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stateless-output-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('writeOutputFile', () => {
  it('creates the missing folders and replaces the file whole', () => {
    const file = path.join(work, 'a/b/report.txt');
    writeOutputFile(file, 'one\n');
    writeOutputFile(file, 'two\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('two\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['report.txt']);
  });

  it('fails with one line naming the path and why, leaving no temporary file', () => {
    const folder = fs.mkdtempSync(path.join(work, 'folder-'));
    expect(() => writeOutputFile(folder, 'x')).toThrow(new OutputFileError(`cannot write ${folder}: it is a folder (EISDIR)`));
    expect(fs.readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails when a part of the path is a file', () => {
    const file = path.join(work, 'plain');
    fs.writeFileSync(file, '');
    expect(() => writeOutputFile(path.join(file, 'x/report.txt'), 'x')).toThrow(
      new OutputFileError(`cannot write ${file}/x/report.txt: cannot create the folder ${file}/x: a part of the path is not a folder (ENOTDIR)`),
    );
  });

  it('fails at once below /proc, where a recursive mkdir never returns', () => {
    expect(() => prepareOutputFile('/proc/stateless-test/a/report.json')).toThrow(
      new OutputFileError('cannot write /proc/stateless-test/a/report.json: cannot create the folder /proc/stateless-test: the file system does not allow creating it (ENOENT)'),
    );
  });

  it('writes a device directly instead of renaming over it', () => {
    writeOutputFile('/dev/null', 'discarded');
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
