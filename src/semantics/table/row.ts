/** The shape of the conformance table's rows: a snippet, the answer every part must give, and who does not ask. */

/** The parts that answer syntax questions: the ESLint rules, the codemods' kit, the audit's cross-file stages. */
export type Part = 'rules' | 'codemods' | 'audit';
export const parts: readonly Part[] = ['rules', 'codemods', 'audit'];

interface RowBase {
  /** Unique and stable: a failing test names it. */
  id: string;
  /**
   * A part that does not ask the row's question, with why. Every part not named here must give the expected
   * answer; a part is never skipped silently.
   */
  notAskedBy?: Partial<Record<Part, string>>;
}

/**
 * Is a module-level binding or container changed after start-up (while serving)? `mutates` names it; false: nothing
 * is. The code is a whole file; `typescript`: it uses TypeScript syntax (only .ts), else it is also run as .js.
 */
export interface MutationRow extends RowBase {
  topic: 'mutation';
  code: string;
  typescript: boolean;
  expected: { mutates: string | false };
}

/**
 * Does the function around the marker call (`handlerMarker`) run while a request is handled? `file` matters for
 * file-based routes.
 */
export interface HandlerRow extends RowBase {
  topic: 'handler';
  code: string;
  file: string;
  expected: { handler: boolean };
}

/** Is the API at `module` + `path` called (through the file's imports and requires)? false: nothing of it is. */
export interface ImportRow extends RowBase {
  topic: 'import';
  code: string;
  typescript: boolean;
  expected: { calls: { module: string; path: readonly string[] } | false };
}

/** Is the file (relative to the project) a file-based route, and which kind? */
export interface RouteRow extends RowBase {
  topic: 'route';
  file: string;
  expected: { route: 'route' | 'api-page' | false };
}

export type Row = MutationRow | HandlerRow | ImportRow | RouteRow;

/** True when `part` must answer `row`. */
export function asks(row: Row, part: Part): boolean {
  return row.notAskedBy?.[part] === undefined;
}
