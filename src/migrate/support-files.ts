/**
 * What rewritten code needs, per package (the project, or each workspace package that was rewritten):
 * generated adapters and worker entry, package.json dependencies and scripts, `.env.example`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { adapterTemplates, renderAdapter, withRequiredAdapters } from '../../codemods/kit/adapters/render.js';
import { appNameOf } from '../../codemods/kit/app-name.js';
import { pinnedAlong, versionsForNode } from '../../codemods/kit/dependencies.js';
import type { AdapterId, CodemodOutcome } from '../../codemods/kit/codemod.js';
import { detectStyle, nearestPackageType, type SourceStyle } from '../../codemods/kit/style.js';
import type { AuditResult } from '../audit/model.js';
import { projectNodeMajor } from './node-target.js';
import { adapterFolder, editEnvExample, editPackageJson } from './project-files.js';
import { workerEntryWrite } from './worker-entry.js';
import type { PlannedWrite } from './write-files.js';

export interface SupportFiles {
  writes: PlannedWrite[];
  /** Absolute paths of new files. */
  generated: string[];
  /** Where each adapter the package's rewritten code imports is (planned here or already there). */
  adapterFiles: Partial<Record<AdapterId, string>>;
  dependencies: { dependencies: string[]; devDependencies: string[] };
  scripts: string[];
  env: string[];
  worker?: { file: string; command: string };
}

/** The nearest folder with a package.json from `file` up to `root`: the package a file belongs to. */
export function packageRootOf(file: string, root: string): string {
  for (let folder = path.dirname(file); folder.startsWith(root); folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, 'package.json'))) return folder;
    if (folder === root) break;
  }
  return root;
}

/** The style generated files follow: the package's TypeScript-ness and the first rewritten file's imports. */
function packageStyle(packageRoot: string, outcomes: readonly CodemodOutcome[]): SourceStyle {
  const packageType = nearestPackageType(path.join(packageRoot, 'package.json'));
  const sample = outcomes.find((outcome) => /\.(ts|tsx|mts|cts)$/.test(outcome.file)) ?? outcomes[0];
  if (sample) return detectStyle(sample.file, sample.source, packageType);
  const typescript = fs.existsSync(path.join(packageRoot, 'tsconfig.json'));
  return { language: typescript ? 'ts' : 'js', module: packageType === 'module' || typescript ? 'esm' : 'cjs', importExtension: packageType === 'module' ? '.js' : '', quote: 'single' };
}

/**
 * Plans the support files of one package from the outcomes of the rewrites in it, and `missing` adapters that
 * its sources already import (a migration interrupted before it wrote them).
 */
export function planSupportFiles(packageRoot: string, used: readonly CodemodOutcome[], result: AuditResult, missing: readonly AdapterId[] = []): SupportFiles {
  const style = packageStyle(packageRoot, used);
  const adapterDir = adapterFolder(packageRoot);
  // The codemods read it alike, from the nearest package.json of each file they rewrite.
  const appName = appNameOf(path.join(packageRoot, 'package.json'));
  const dependencies = new Set(used.flatMap((outcome) => outcome.dependencies));
  const devDependencies = new Set(used.flatMap((outcome) => outcome.devDependencies));
  const env = new Set(used.flatMap((outcome) => outcome.env));
  const writes: PlannedWrite[] = [];
  const generated: string[] = [];
  const adapterFiles: SupportFiles['adapterFiles'] = {};
  for (const id of withRequiredAdapters([...used.flatMap((outcome) => outcome.adapters), ...missing])) {
    adapterTemplates[id].dependencies.forEach((name) => dependencies.add(name));
    adapterTemplates[id].env.forEach((name) => env.add(name));
    const rendered = renderAdapter(id, style, appName);
    const file = path.join(adapterDir, rendered.fileName);
    adapterFiles[id] = file;
    // An adapter already there was generated before and may have been edited since: it is the user's now.
    if (!fs.existsSync(file)) {
      writes.push({ file, before: undefined, after: rendered.text, kind: 'adapter' });
      generated.push(file);
    }
  }

  const scripts: Record<string, string> = {};
  let worker: SupportFiles['worker'];
  const jobs = used.flatMap((outcome) => outcome.workerJobs);
  if (jobs.length > 0) {
    const entry = workerEntryWrite(packageRoot, result, jobs, style, adapterDir);
    if (entry.write) {
      writes.push({ ...entry.write, kind: 'worker' });
      if (entry.write.before === undefined) generated.push(entry.file);
    }
    if (entry.script) scripts[entry.script.name] = entry.script.command;
    if (entry.devScript) scripts[entry.devScript.name] = entry.devScript.command;
    const relativeEntry = path.relative(packageRoot, entry.file).split(path.sep).join('/');
    worker = { file: entry.file, command: entry.script ? `npm run ${entry.script.name}` : `node ${relativeEntry}` };
  }

  // Versions that fit the Node the project runs on (newer AWS SDK releases warn at every start on Node 20).
  const nodeMajor = projectNodeMajor([packageRoot, result.root]);
  for (const name of pinnedAlong(dependencies, nodeMajor)) dependencies.add(name);
  let added: SupportFiles['dependencies'] = { dependencies: [], devDependencies: [] };
  let addedScripts: string[] = [];
  const manifestFile = path.join(packageRoot, 'package.json');
  if (fs.existsSync(manifestFile) && (dependencies.size > 0 || devDependencies.size > 0 || Object.keys(scripts).length > 0)) {
    const before = fs.readFileSync(manifestFile, 'utf8');
    const edit = editPackageJson(before, [...dependencies], [...devDependencies], scripts, versionsForNode(nodeMajor));
    if (edit.text !== before) writes.push({ file: manifestFile, before, after: edit.text, kind: 'config' });
    added = edit.added;
    addedScripts = edit.scripts;
  }
  const envFile = path.join(packageRoot, '.env.example');
  // Not read through a link: it may point at a file of secrets, which a dry run's diff would print.
  const envLinked = fs.lstatSync(envFile, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  const envBefore = !envLinked && fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : undefined;
  const envEdit = editEnvExample(envBefore, [...env].sort());
  if (envEdit.added.length > 0) writes.push({ file: envFile, before: envBefore, after: envLinked ? '' : envEdit.text, kind: 'config' });
  return { writes, generated, adapterFiles, dependencies: added, scripts: addedScripts, env: [...env].sort(), worker };
}
