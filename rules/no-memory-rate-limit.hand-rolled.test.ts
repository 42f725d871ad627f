import { commonjs, ruleTester } from '../src/test-support/rule-tester.js';
import rule from './no-memory-rate-limit.js';

// Hand-rolled counters, hit maps, locks and flags (the library cases are in no-memory-rate-limit.test.ts).
ruleTester.run('no-memory-rate-limit', rule, {
  valid: [],
  invalid: [
    // A module-level request counter bumped in a middleware.
    {
      code: `import express from 'express';
const app = express();
let requestCount = 0;
app.use((req, res, next) => { requestCount++; next(); });
app.get('/stats', (req, res) => res.json({ requestCount }));`,
      errors: [{ messageId: 'counter', line: 3, column: 5 }],
    },
    {
      code: `let totalRequests = 0;
export function countRequest(req, res, next) { totalRequests += 1; next(); }`,
      errors: [{ messageId: 'counter', line: 1, column: 5 }],
    },
    // Maps of hits / attempts per IP changed in handlers.
    {
      code: `const hits = new Map<string, number>();
app.use((req, res, next) => {
  const n = (hits.get(req.ip) ?? 0) + 1;
  hits.set(req.ip, n);
  if (n > 100) return res.sendStatus(429);
  next();
});`,
      errors: [{ messageId: 'counter', line: 1, column: 7 }],
    },
    {
      code: `const MAX_ATTEMPTS = 5;
const loginAttempts: Record<string, number> = {};
app.post('/login', (req, res) => {
  loginAttempts[req.ip] = (loginAttempts[req.ip] || 0) + 1;
  if (loginAttempts[req.ip] > MAX_ATTEMPTS) return res.sendStatus(429);
  res.end();
});`,
      errors: [{ messageId: 'counter', line: 2, column: 7 }],
    },
    {
      ...commonjs,
      code: `const requestsPerIp = new Map();
module.exports = function limiter(req, res, next) {
  requestsPerIp.set(req.ip, (requestsPerIp.get(req.ip) || 0) + 1);
  next();
};`,
      errors: [{ messageId: 'counter', line: 1, column: 7 }],
    },
    // Guard flags and locks set in functions.
    {
      code: `let running = false;
export async function runReport() {
  if (running) return;
  running = true;
  try { await buildReport(); } finally { running = false; }
}`,
      errors: [{ messageId: 'flag', line: 1, column: 5 }],
    },
    {
      code: `let isLocked = false;
export function lock() { isLocked = true; }
export function unlock() { isLocked = false; }`,
      errors: [{ messageId: 'flag', line: 1, column: 5 }],
    },
    // A switch flipped by a request: other instances never see it.
    {
      code: `let maintenance = false;
app.post('/admin/maintenance', (req, res) => { maintenance = req.body.on; res.end(); });
app.use((req, res, next) => (maintenance ? res.sendStatus(503) : next()));`,
      errors: [{ messageId: 'flag', line: 1, column: 5 }],
    },
  ],
});
