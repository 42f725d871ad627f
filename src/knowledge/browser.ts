/**
 * What only code for the browser does. A file that does it is not the web process, whatever folder it sits in:
 * its module-level variables live in a page, its timers in a tab.
 */
import type { ApiRef } from './types.js';

/** `'use client'` at the top of a file: React Server Components' mark of code bundled for the browser. */
export const clientDirective = 'use client';

/**
 * Calls only a browser runs: React's state and effect hooks (a server component cannot call them, and effects never
 * run during server rendering) and mounting a React tree into the page.
 */
export const browserMarkers: readonly ApiRef[] = [
  ...['useState', 'useEffect', 'useLayoutEffect', 'useReducer', 'useRef', 'useSyncExternalStore', 'useTransition'].map(
    (hook): ApiRef => ({ modules: ['react'], path: [hook], use: 'call' }),
  ),
  { modules: ['react-dom/client'], path: ['createRoot'], use: 'call' },
  { modules: ['react-dom/client'], path: ['hydrateRoot'], use: 'call' },
  { modules: ['react-dom'], path: ['render'], use: 'call' },
  { modules: ['react-dom'], path: ['hydrate'], use: 'call' },
];

/**
 * Globals only a page has (Node has none of them; `navigator` is left out, Node 21 has one). Read other than by
 * `typeof` (the guard of code that runs on both sides), they mark the file as the browser's.
 */
export const browserGlobals: readonly string[] = ['window', 'document', 'localStorage', 'sessionStorage'];
