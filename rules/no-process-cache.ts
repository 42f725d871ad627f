/** In-process cache and memoization libraries (lru-cache, node-cache, …). */
import { processCachePatterns } from '../src/knowledge/index.js';
import { createCheckRule } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';

export default createCheckRule('no-process-cache', (context) => libraryReports(context, processCachePatterns));
