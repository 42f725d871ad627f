/** Module-level, class-static and singleton data that code running after start-up changes. */
import { createCheckRule } from './kit/create-rule.js';
import { moduleStateReports } from './kit/module-state.js';

export default createCheckRule('no-module-state', (context) => moduleStateReports(context, 'no-module-state'));
