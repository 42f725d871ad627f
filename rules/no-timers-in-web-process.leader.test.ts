// Jobs gated to one designated instance: still reported, as `leaderGated` with the gate named (the audit makes it info).
import { commonjs, ruleTester } from '../src/test-support/rule-tester.js';
import rule from './no-timers-in-web-process.js';

const gated = (gate: string, what = '`setInterval`') => ({ messageId: 'leaderGated', data: { what, gate } });

ruleTester.run('no-timers-in-web-process', rule, {
  valid: [],
  invalid: [
    // node:cluster's primary, TypeScript and CommonJS, named and default imports.
    {
      code: `import cluster from 'node:cluster';\nif (cluster.isPrimary) {\n  setInterval(() => cleanup(), 60_000);\n}`,
      errors: [{ ...gated('cluster.isPrimary'), line: 3 }],
    },
    {
      ...commonjs,
      code: `const { isMaster } = require('cluster');\nif (isMaster) setInterval(flush, 1000);`,
      errors: [{ ...gated('isMaster'), line: 2 }],
    },
    // PM2's first instance.
    {
      code: `if (process.env.NODE_APP_INSTANCE === '0') {\n  cron.schedule('0 * * * *', () => sweep());\n}\nimport cron from 'node-cron';`,
      errors: [{ ...gated("process.env.NODE_APP_INSTANCE === '0'", 'node-cron'), line: 2 }],
    },
    // A flag named for it, with an early return, and around the caller of a local function.
    {
      code: `export function startJobs(config: { isLeader: boolean }) {\n  if (!config.isLeader) return;\n  setInterval(() => purge(), 3_600_000);\n}`,
      errors: [{ ...gated('config.isLeader'), line: 3 }],
    },
    {
      code: `function schedule() {\n  setInterval(() => purge(), 1000);\n}\nif (process.env.RUN_JOBS === 'true') schedule();`,
      errors: [{ ...gated("process.env.RUN_JOBS === 'true'"), line: 2 }],
    },
    {
      code: `app.listen(3000, () => {\n  if (env.CRON_ENABLED) setInterval(report, 60_000);\n});`,
      errors: [{ ...gated('env.CRON_ENABLED'), line: 2 }],
    },
    // A job loop started only by the leader.
    {
      code: `function tick() {\n  purge().finally(() => setTimeout(tick, 60_000));\n}\nif (await isLeader()) tick();`,
      errors: [{ ...gated('await isLeader()', 'The `tick` loop'), line: 2 }],
    },
    // A Redis lock taken each tick.
    {
      code: `setInterval(async () => {\n  const lock = await redlock.acquire(['jobs:purge'], 5000);\n  try { await purge(); } finally { await lock.release(); }\n}, 60_000);`,
      errors: [{ ...gated("redlock.acquire(['jobs:purge'], 5000)"), line: 1 }],
    },
    // Not gates: an in-process mutex, a master key, a leaderboard, a gate on another branch, a local function also called ungated.
    {
      code: `setInterval(async () => {\n  const release = await mutex.acquire();\n  try { await purge(); } finally { release(); }\n}, 60_000);`,
      errors: [{ messageId: 'interval', line: 1 }],
    },
    {
      code: `if (req.auth.isMaster) setInterval(flush, 1000);\nif (leaderboard.length > 0) setInterval(refreshLeaderboard, 1000);`,
      errors: [{ messageId: 'interval', line: 1 }, { messageId: 'interval', line: 2 }],
    },
    {
      code: `import cluster from 'node:cluster';\nif (cluster.isPrimary) cluster.fork();\nelse setInterval(flush, 1000);`,
      errors: [{ messageId: 'interval', line: 3 }],
    },
    {
      code: `function schedule() {\n  setInterval(() => purge(), 1000);\n}\nif (isLeader) schedule();\nschedule();`,
      errors: [{ messageId: 'interval', line: 2 }],
    },
  ],
});
