// Workspace globs (package.json `workspaces`, pnpm-workspace.yaml) that match no package are reported: a typo in
// one leaves its packages' findings without a package name and their scripts unread, silently.
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test-support/temp-project.js';
import { readProject } from './read-project.js';

const server = `import express from 'express';\nexpress().listen(3000);\n`;
const pkg = (name: string) => JSON.stringify({ name });

function read(files: Record<string, string>) {
  const result = readProject({ paths: [tempProject(files)] });
  return { packages: result.packages.map((found) => found.dir), diagnostics: result.diagnostics };
}

describe('workspace globs that match no package', () => {
  it('are reported for package.json workspaces, each with the file and the glob', () => {
    const { packages, diagnostics } = read({
      'package.json': JSON.stringify({ name: 'mono', workspaces: ['apps/*', 'pakages/*', 'tools/cli'] }),
      'apps/web/package.json': pkg('@mono/web'),
      'apps/web/src/server.ts': server,
    });
    expect(packages).toEqual(['apps/web']);
    expect(diagnostics).toEqual([
      { severity: 'warning', code: 'unmatched-workspace', file: 'package.json', message: 'package.json: the workspace "pakages/*" matches no folder with a package.json; a typo, or a package not checked out?' },
      { severity: 'warning', code: 'unmatched-workspace', file: 'package.json', message: 'package.json: the workspace "tools/cli" matches no folder with a package.json; a typo, or a package not checked out?' },
    ]);
  });

  it('are reported for the { packages } form and for pnpm-workspace.yaml, not for exclusions', () => {
    const object = read({
      'package.json': JSON.stringify({ name: 'mono', workspaces: { packages: ['packages/*', 'missing/*', '!packages/old'] } }),
      'packages/api/package.json': pkg('@mono/api'),
      'packages/api/src/server.ts': server,
    });
    expect(object.packages).toEqual(['packages/api']);
    expect(object.diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['package.json: the workspace "missing/*" matches no folder with a package.json; a typo, or a package not checked out?']);

    const pnpm = read({
      'package.json': pkg('mono'),
      'pnpm-workspace.yaml': `packages:\n  - 'services/*'\n  - "libs/**"\n  - '!services/legacy'\n`,
      'services/api/package.json': pkg('@mono/api'),
      'services/api/src/server.ts': server,
      'libs/README.md': 'no packages yet\n',
    });
    expect(pnpm.packages).toEqual(['services/api']);
    expect(pnpm.diagnostics).toEqual([expect.objectContaining({ code: 'unmatched-workspace', file: 'pnpm-workspace.yaml', message: expect.stringMatching(/^pnpm-workspace.yaml: the workspace "libs\/\*\*" matches no folder/) })]);
  });

  it('count a folder whose package.json is broken as matched (that has its own diagnostic)', () => {
    const { diagnostics } = read({
      'package.json': JSON.stringify({ name: 'mono', workspaces: ['apps/*'] }),
      'apps/web/package.json': '{ "name": ',
    });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['broken-package-json', 'no-source-files']);
  });
});
