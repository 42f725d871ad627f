/** File-based routes (Next.js): which files' exports handle requests, asked one way by rules, codemods and the audit. */
import { nextApiFileGlobs, nextRouteFileGlobs } from '../knowledge/frameworks.js';
import { matchesAnyGlob } from './globs.js';

/**
 * `route`: an App Router route file (`app/**\/route.ts`), whose `GET`, `POST`, … exports handle requests;
 * `api-page`: a Pages Router API route (`pages/api/**`), whose default export does. `file` is relative to the project.
 */
export function routeFileKind(file: string): 'route' | 'api-page' | undefined {
  if (matchesAnyGlob(file, nextRouteFileGlobs)) return 'route';
  if (matchesAnyGlob(file, nextApiFileGlobs)) return 'api-page';
  return undefined;
}
