/** The README's "What migration changes" table, rendered from what the proof suite observed. */
import type { Observation } from './scenarios.js';

export const scenarioTitles = {
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

export type ScenarioId = keyof typeof scenarioTitles;
export type Results = Partial<Record<ScenarioId, { before?: Observation; after?: Observation }>>;

/** One row per scenario, in the order of the titles; a phase not run shows a dash. */
export function renderResultsTable(results: Results): string {
  const cell = (observation: Observation | undefined) => (observation ? `${observation.kept ? '✅' : '❌'} ${observation.detail}` : '—');
  const rows = (Object.keys(scenarioTitles) as ScenarioId[]).map((id) => `| ${scenarioTitles[id]} | ${cell(results[id]?.before)} | ${cell(results[id]?.after)} |`);
  return ['| express-shop, 2–3 instances behind a round-robin proxy | before `stateless migrate` | after |', '|---|---|---|', ...rows].join('\n');
}
