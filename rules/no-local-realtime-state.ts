/** socket.io without a shared adapter, ws broadcasts over local clients, module-level connection registries. */
import { realtimePatterns } from '../src/knowledge/index.js';
import { createCheckRule } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';
import { moduleStateReports } from './kit/module-state.js';

export default createCheckRule('no-local-realtime-state', (context) => [
  ...libraryReports(context, realtimePatterns),
  ...moduleStateReports(context, 'no-local-realtime-state'),
]);
