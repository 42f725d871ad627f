/** The README's "What migration changes" tables, rendered from what the proof suites observed. */
import type { Observation } from './scenarios.js';

/** The stories run on express-shop, in table order. */
export const expressShopStories = {
  wrongServer: '1. Wrong server: log in and fill the cart on A, continue on B',
  uploads: '2. Uploads: upload an avatar through A, download it through B',
  newServer: '3. New server: start C mid-run',
  crash: '4. Crash: `kill -9` A during a stream of requests',
  jobs: '5. Jobs: the cleanup job with three web instances',
  rateLimit: '6. Rate limit: failed logins spread over the instances',
  realtime: '7. Realtime: chat from a client on A to a client on B',
  cache: '8. Cache: change a price through A, read it through B',
  load: 'Load: ~2,000 requests, 20 users, one crash and one new instance',
} as const;

/** The stories run on fastify-api: what its migration covers, and the cart it leaves to a person. */
export const fastifyApiStories = {
  wrongServer: '1. Wrong server: log in on A, continue on B',
  newServer: '3. New server: start C mid-run',
  crash: '4. Crash: `kill -9` A, continue on B',
  jobs: '5. Jobs: the heartbeat job with three web instances',
  cart: 'Cart: a `Map` exported by one module and changed by another',
} as const;

export type Results<Id extends string> = Partial<Record<Id, { before?: Observation; after?: Observation }>>;

/** One row per story, in the order of `stories`; a phase not run shows a dash. */
export function renderResultsTable<Id extends string>(heading: string, stories: Record<Id, string>, results: Results<Id>): string {
  const cell = (observation: Observation | undefined) => (observation ? `${observation.kept ? '✅' : '❌'} ${observation.detail}` : '—');
  const rows = (Object.keys(stories) as Id[]).map((id) => `| ${stories[id]} | ${cell(results[id]?.before)} | ${cell(results[id]?.after)} |`);
  return [`| ${heading} | before \`stateless migrate\` | after |`, '|---|---|---|', ...rows].join('\n');
}
