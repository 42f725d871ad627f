/** Rate limiters, counters, locks and flags that live in process memory. */
import { counterPatterns } from '../src/knowledge/index.js';
import { createCheckRule } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';
import { moduleStateReports } from './kit/module-state.js';

export default createCheckRule('no-memory-rate-limit', (context) => [
  ...libraryReports(context, counterPatterns),
  ...moduleStateReports(context.sourceCode, 'no-memory-rate-limit'),
]);
