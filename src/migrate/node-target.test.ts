import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodemodOutcome } from '../../codemods/kit/codemod.js';
import { pinnedAlong, versionsForNode } from '../../codemods/kit/dependencies.js';
import type { AuditResult } from '../audit/model.js';
import { tempProject } from '../test-support/temp-project.js';
import { dockerfileMajors, projectNodeMajor, rangeMajor, versionFileMajor } from './node-target.js';
import { planSupportFiles } from './support-files.js';

describe('the Node a project runs on', () => {
  it('reads the lowest major of an engines range', () => {
    expect(rangeMajor('>=20.19')).toBe(20);
    expect(rangeMajor('^20.11 || >=22')).toBe(20);
    expect(rangeMajor('>= 22.0.0 < 25')).toBe(22);
    expect(rangeMajor('20.x')).toBe(20);
    expect(rangeMajor('18 - 22')).toBe(18);
    expect(rangeMajor('~22.4.1')).toBe(22);
    expect(rangeMajor('v24')).toBe(24);
    expect(rangeMajor('<22')).toBeUndefined();
    expect(rangeMajor('*')).toBeUndefined();
    expect(rangeMajor('>=22 || *')).toBeUndefined();
  });

  it('reads .nvmrc and .node-version, LTS names included', () => {
    expect(versionFileMajor('20\n')).toBe(20);
    expect(versionFileMajor('v22.11.0')).toBe(22);
    expect(versionFileMajor('# pinned\nlts/iron\n')).toBe(20);
    expect(versionFileMajor('lts/Jod')).toBe(22);
    expect(versionFileMajor('lts/*')).toBeUndefined();
    expect(versionFileMajor('node')).toBeUndefined();
  });

  it("reads a Dockerfile's node images", () => {
    expect(dockerfileMajors('FROM node:22-alpine AS build\nRUN npm ci\nFROM --platform=linux/amd64 docker.io/library/node:20.18.1-slim\n')).toEqual([22, 20]);
    expect(dockerfileMajors('FROM gcr.io/distroless/nodejs22\nFROM node:lts\n')).toEqual([]);
  });

  it('takes the oldest the project declares anywhere, else the running Node', () => {
    expect(projectNodeMajor([tempProject({ 'package.json': '{}' })], '20.20.2')).toBe(20);
    expect(projectNodeMajor([tempProject({ 'package.json': '{}' })], '24.1.0')).toBe(24);
    expect(projectNodeMajor([tempProject({ 'package.json': JSON.stringify({ engines: { node: '>=22' } }) })], '20.20.2')).toBe(22);
    expect(projectNodeMajor([tempProject({ '.nvmrc': '22\n', Dockerfile: 'FROM node:24-slim\n' })], '20.20.2')).toBe(22);
    const workspace = tempProject({ 'package.json': JSON.stringify({ engines: { node: '>=24' } }), '.node-version': '20.19.0', 'packages/web/package.json': '{}' });
    expect(projectNodeMajor([`${workspace}/packages/web`, workspace], '24.0.0')).toBe(20);
  });
});

describe('the AWS SDK versions added for that Node', () => {
  it('on Node 20, a release without the NodeVersionSupportWarning, its @aws-sdk/core pinned along', () => {
    const versions = versionsForNode(20);
    expect([versions['@aws-sdk/client-s3'], versions['@aws-sdk/lib-storage'], versions['@aws-sdk/core']]).toEqual(['3.1040.0', '3.1040.0', '3.974.7']);
    expect(pinnedAlong(['redis', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'], 20)).toEqual(['@aws-sdk/core']);
    expect(pinnedAlong(['redis', 'bullmq'], 20)).toEqual([]);
    expect(versionsForNode(18)['@aws-sdk/client-s3']).toBe('3.1040.0');
  });

  it('on Node 22 and later, the newest tested release, nothing pinned along', () => {
    for (const major of [22, 24]) {
      const versions = versionsForNode(major);
      expect([versions['@aws-sdk/client-s3'], versions['@aws-sdk/lib-storage'], versions['@aws-sdk/core']]).toEqual(['3.1169.0', '3.1169.0', undefined]);
      expect(pinnedAlong(['@aws-sdk/client-s3', '@aws-sdk/lib-storage'], major)).toEqual([]);
    }
  });

  it('the packages of one release match each other', () => {
    for (const major of [20, 22]) {
      const versions = versionsForNode(major);
      expect(versions['@aws-sdk/lib-storage']).toBe(versions['@aws-sdk/client-s3']);
    }
  });
});

describe('migrate adds the AWS SDK release of the Node the project declares', () => {
  function addedFor(files: Record<string, string>): string[] {
    const root = tempProject({ 'package.json': JSON.stringify({ name: 'shop', type: 'module' }), 'src/app.ts': '', ...files });
    const outcome = { file: path.join(root, 'src/app.ts'), source: '', changes: [{ line: 1, description: '' }], adapters: ['s3'], dependencies: ['multer-s3'], devDependencies: [], env: [], workerJobs: [] };
    const result = { root, processes: [] } as unknown as AuditResult;
    return planSupportFiles(root, [outcome as unknown as CodemodOutcome], result).dependencies.dependencies;
  }

  it('Node 20 (a Dockerfile says so): the release before the warning, @aws-sdk/core pinned', () => {
    expect(addedFor({ Dockerfile: 'FROM node:20-alpine\n' })).toEqual(['@aws-sdk/client-s3@3.1040.0', '@aws-sdk/core@3.974.7', '@aws-sdk/lib-storage@3.1040.0', 'multer-s3@3.0.1']);
  });

  it('Node 22 (.nvmrc): the newest tested release', () => {
    expect(addedFor({ '.nvmrc': 'v22.12.0\n' })).toEqual(['@aws-sdk/client-s3@3.1169.0', '@aws-sdk/lib-storage@3.1169.0', 'multer-s3@3.0.1']);
  });
});
