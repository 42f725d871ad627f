/** Sessions kept in process memory: express-session's default MemoryStore, memorystore, hand-rolled session maps. */
import { sessionPatterns } from '../src/knowledge/index.js';
import { createCheckRule } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';
import { moduleStateReports } from './kit/module-state.js';

export default createCheckRule('no-memory-session-store', (context) => [
  ...libraryReports(context, sessionPatterns),
  ...moduleStateReports(context, 'no-memory-session-store'),
]);
