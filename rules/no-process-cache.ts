/** In-process cache and memoization libraries (lru-cache, node-cache, …). */
import { processCachePatterns } from '../src/knowledge/index.js';
import { createCheckRule } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';
import { requestContext } from './kit/request-context.js';

// Rows that create a cache, and rows that write to a module-wide one (memory-cache's `put`, request-scoped).
const creating = processCachePatterns.filter((pattern) => pattern.scope !== 'request');
const writing = processCachePatterns.filter((pattern) => pattern.scope === 'request');

export default createCheckRule('no-process-cache', (context) => [
  // A cache created while handling a request dies with it, like a container local to a function: only caches
  // created at module level or start-up outlive a request and differ between instances.
  ...libraryReports(context, creating).filter((report) => !requestContext(context).isInRequestHandling(report.node)),
  ...libraryReports(context, writing),
]);
