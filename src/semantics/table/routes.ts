/** Next.js file-based routes: App Router route files and Pages Router API routes, by path relative to the project. */
import type { RouteRow } from './row.js';

function row(file: string, route: RouteRow['expected']['route']): RouteRow {
  return { topic: 'route', id: `route file ${file}`, file, expected: { route } };
}

export const routeRows: readonly RouteRow[] = [
  row('app/api/users/route.ts', 'route'),
  row('app/route.ts', 'route'),
  row('src/app/api/users/route.tsx', 'route'),
  row('app/users/[id]/route.js', 'route'),
  row('app/(admin)/users/route.mjs', 'route'),
  row('app/.well-known/openid-configuration/route.ts', 'route'),
  row('apps/web/app/api/route.ts', 'route'),
  row('app\\api\\users\\route.ts', 'route'),
  row('app/users/page.tsx', false),
  row('app/users/route.test.ts', false),
  row('myapp/users/route.ts', false),
  row('pages/api/users.ts', 'api-page'),
  row('pages/api/users/[id].js', 'api-page'),
  row('src/pages/api/auth/[...nextauth].ts', 'api-page'),
  row('pages/api/.internal/health.ts', 'api-page'),
  row('pages/users.tsx', false),
  row('pages/apiary/users.ts', false),
  row('lib/api/users.ts', false),
];
