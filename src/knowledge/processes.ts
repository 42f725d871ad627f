/** Which files belong to the web process: tests, workers and scripts do not. */

/** Test files never serve requests. */
export const defaultTestFiles: readonly string[] = [
  '**/*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
];

/** Files that run in a worker process, where timers and disk writes are fine. */
export const defaultWorkerFiles: readonly string[] = ['**/worker*/**', '**/worker*.*', '**/*.worker.*', '**/*-worker.*', '**/workers/**'];

/** Command-line scripts run once, outside request handling. */
export const defaultScriptFiles: readonly string[] = [
  '**/scripts/**',
  '**/bin/**',
  '**/migrations/**',
  '**/seeds/**',
  '**/*.config.{js,ts,mjs,cjs,mts,cts}',
];
