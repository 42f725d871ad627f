/**
 * The conformance table: snippets with the answer every part must give (is this a mutation, a handler, an API use,
 * a route file). The rules, the codemods' kit and the audit are each tested against all of it
 * (rules/conformance.test.ts, codemods/kit/conformance.test.ts, src/audit/conformance.test.ts); a new form is added
 * here once.
 */
import { handleRows } from './table/handles.js';
import { handlerRows } from './table/handlers.js';
import { importRows } from './table/imports.js';
import { mutationRows } from './table/mutations.js';
import { routeRows } from './table/routes.js';
import type { Row } from './table/row.js';

export { handlerMarker } from './table/handlers.js';
export { asks, parts, type HandlerRow, type ImportRow, type MutationRow, type Part, type Row, type RouteRow } from './table/row.js';

export const conformanceTable: readonly Row[] = [...mutationRows, ...handleRows, ...handlerRows, ...importRows, ...routeRows];
