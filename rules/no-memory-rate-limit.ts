/** Rate limiters, counters, locks and flags that live in process memory. */
import { counterPatterns, fallbackLimiterOptions, lockStateNames } from '../src/knowledge/index.js';
import { createCheckRule } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';
import { withoutStatusFlags } from './kit/lock-flags.js';
import { moduleStateReports } from './kit/module-state.js';
import { isOptionValue } from './kit/options-object.js';

export default createCheckRule('no-memory-rate-limit', (context) => [
  // A memory limiter kept as the fallback of a shared one (`insuranceLimiter`) is fine.
  ...libraryReports(context, counterPatterns).filter((report) => !isOptionValue(context.sourceCode, report.node, fallbackLimiterOptions)),
  ...withoutStatusFlags(context, moduleStateReports(context, 'no-memory-rate-limit'), lockStateNames.messageId),
]);
