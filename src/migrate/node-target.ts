/**
 * The oldest Node.js major a project says it runs on: package.json `engines.node`, `.nvmrc`, `.node-version`,
 * a Dockerfile's `FROM node:<version>`. Versions of added packages follow it (`kit/dependencies.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** nvm's LTS code names. */
const ltsMajors: Record<string, number> = { argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 };

/** The lowest major a semver range allows (`>=20.19`, `^20 || ^22`, `20.x`, `18 - 22`); undefined without a lower bound. */
export function rangeMajor(range: string): number | undefined {
  const lowest = range.split('||').map((alternative) => {
    // `18 - 22`: only its start bounds from below.
    const comparators = [...alternative.replace(/\s+-\s+\S+/g, '').matchAll(/(<=|>=|<|>|=|\^|~)?\s*v?(\d+)(?:\.[\dxX*]+)*/g)];
    const lower = comparators.filter((match) => match[1] !== '<' && match[1] !== '<=').map((match) => Number(match[2]));
    return lower.length === 0 ? undefined : Math.min(...lower);
  });
  return lowest.every((major) => major !== undefined) ? Math.min(...(lowest as number[])) : undefined;
}

/** A version file's (`.nvmrc`, `.node-version`) major: `20`, `v20.11.0`, `lts/iron`; undefined for `lts/*`, `node`. */
export function versionFileMajor(text: string): number | undefined {
  const line = text.split('\n').map((entry) => entry.trim()).find((entry) => entry !== '' && !entry.startsWith('#')) ?? '';
  const number = /^v?(\d+)/.exec(line);
  if (number) return Number(number[1]);
  return ltsMajors[/^lts\/(\w+)$/i.exec(line)?.[1]?.toLowerCase() ?? ''];
}

/** The majors of a Dockerfile's `FROM node:<version>` images (`node:20-alpine`, `docker.io/library/node:22.3`). */
export function dockerfileMajors(text: string): number[] {
  return [...text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(?:docker\.io\/)?(?:library\/)?node:v?(\d+)/gim)].map((match) => Number(match[1]));
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The oldest Node major that `folders` (the package, then the repository root) declare anywhere; the running
 * Node's when none does. The oldest, because a package that fits it runs without warnings on the newer ones too.
 */
export function projectNodeMajor(folders: readonly string[], running: string = process.versions.node): number {
  const majors: number[] = [];
  for (const folder of new Set(folders)) {
    const manifest = read(path.join(folder, 'package.json'));
    try {
      const engines = manifest === undefined ? undefined : (JSON.parse(manifest.replace(/^\uFEFF/, '')) as { engines?: { node?: unknown } }).engines?.node;
      const major = typeof engines === 'string' ? rangeMajor(engines) : undefined;
      if (major !== undefined) majors.push(major);
    } catch {
      // Not JSON: migrate reports that elsewhere.
    }
    for (const name of ['.nvmrc', '.node-version']) {
      const text = read(path.join(folder, name));
      const major = text === undefined ? undefined : versionFileMajor(text);
      if (major !== undefined) majors.push(major);
    }
    majors.push(...dockerfileMajors(read(path.join(folder, 'Dockerfile')) ?? ''));
  }
  return majors.length > 0 ? Math.min(...majors) : Number(running.split('.')[0]);
}
