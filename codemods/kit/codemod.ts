/**
 * What every codemod is: a function over one parsed file that rewrites what it understands and reports
 * the rest. The kit parses, prints and collects; a codemod only decides.
 */
import type { Collection, JSCodeshift, VariableDeclarator } from 'jscodeshift';
import type { CodemodId } from '../../src/catalog.js';
import type { SkipReasonId } from './skip-reasons.js';
import type { CodemodSkip, SkipDetail } from './skip.js';
import type { SourceStyle } from './style.js';

/** Any expression node (ast-types' `ExpressionKind`): what an initializer, an argument or a property value holds. */
export type ExpressionNode = NonNullable<VariableDeclarator['init']>;

/** Small files generated into the user's repository that rewritten code imports. */
export type AdapterId = 'redis' | 'shared-cache' | 's3' | 'jobs';

/** A job the worker entry must run: the module that defines it and the export holding the job. */
export interface WorkerJob {
  /** Absolute path of the module that exports the job. */
  module: string;
  exportName: string;
}

/** Everything a codemod learns about the file it rewrites and the project around it. */
export interface CodemodContext {
  /** Absolute path of the file. */
  file: string;
  style: SourceStyle;
  /** The app's key name (`kit/app-name.ts`): the Redis keys a rewrite writes begin with it (`shop:sess:`). */
  appName: string;
  /** The module specifier, as this file writes relative imports, of a generated adapter. */
  adapterSpecifier(adapter: AdapterId): string;
  /**
   * The expression `text`, parsed with the file's parser; recast prints it as written. recast prints every new
   * object literal over several lines; short generated expressions read better as written.
   */
  code(text: string): ExpressionNode;
  /**
   * Folders whose files other files of the project now store in the bucket (uploads-object-storage's
   * `FolderNames`), so that a cleanup job of one of them is rewritten to work on the bucket too.
   */
  storedFolders: ReadonlySet<string>;
}

/** What happened to one place a codemod looked at. */
export interface Change {
  line: number;
  description: string;
}
/** A skip as a codemod reports it (see `skip.ts`); the outcome adds the codemod. */
export interface ReportedSkip {
  line: number;
  reason: SkipReasonId;
  detail: SkipDetail;
}

/** What a codemod did to one file and what the rewritten code needs. */
export interface CodemodOutcome {
  codemod: CodemodId;
  file: string;
  /** The new source; equal to the input when nothing changed. */
  source: string;
  changed: boolean;
  changes: Change[];
  skips: CodemodSkip[];
  adapters: AdapterId[];
  /** Package names to add to `dependencies` (versions come from the kit's table). */
  dependencies: string[];
  devDependencies: string[];
  /** Environment variables the rewritten code reads. */
  env: string[];
  workerJobs: WorkerJob[];
  /** Folders whose files this file's code stores in the bucket (see `CodemodContext.storedFolders`). */
  storedFolders: string[];
}

/** The collector a codemod writes into while it runs. */
export class Report {
  readonly changes: Change[] = [];
  readonly skips: ReportedSkip[] = [];
  readonly adapters = new Set<AdapterId>();
  readonly dependencies = new Set<string>();
  readonly devDependencies = new Set<string>();
  readonly env = new Set<string>();
  readonly workerJobs: WorkerJob[] = [];
  readonly storedFolders = new Set<string>();

  changed(line: number, description: string): void {
    this.changes.push({ line, description });
  }
  /** Records a skip: why (an id of `skip-reasons.ts`) and the details its message is made of. */
  skipped(line: number, reason: SkipReasonId, detail: SkipDetail = {}): void {
    this.skips.push({ line, reason, detail });
  }
  /** Records what a rewrite relies on: adapters, packages, environment variables. */
  needs(what: { adapters?: AdapterId[]; dependencies?: string[]; devDependencies?: string[]; env?: string[] }): void {
    for (const adapter of what.adapters ?? []) this.adapters.add(adapter);
    for (const name of what.dependencies ?? []) this.dependencies.add(name);
    for (const name of what.devDependencies ?? []) this.devDependencies.add(name);
    for (const name of what.env ?? []) this.env.add(name);
  }
}

/** The body of a codemod: inspects and rewrites `root` in place, writing what it did into `report`. */
export type CodemodTransform = (root: Collection, j: JSCodeshift, context: CodemodContext, report: Report) => void;

export interface Codemod {
  id: CodemodId;
  /** One line for `--help` and the summary. */
  title: string;
  transform: CodemodTransform;
}
