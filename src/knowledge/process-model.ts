/**
 * How a project already runs several instances on one host: every process-local state bites there today, not only
 * once the app is scaled out behind a load balancer.
 */
import type { ApiRef } from './types.js';

/** `cluster.fork()`: the primary starts workers that share the port, and the OS spreads connections over them. */
export const clusterForkApis: readonly ApiRef[] = [{ modules: ['cluster'], path: ['fork'], use: 'call' }];

/** PM2 process files, looked for in the root and in each workspace package. */
export const pm2ProcessFiles: readonly string[] = [
  'ecosystem.config.js',
  'ecosystem.config.cjs',
  'ecosystem.config.mjs',
  'ecosystem.config.ts',
  'ecosystem.json',
  'pm2.config.js',
  'pm2.config.cjs',
  'pm2.json',
  'process.json',
];

/** `exec_mode` values that make PM2 fork several instances sharing the port. */
export const pm2ClusterModes: readonly string[] = ['cluster', 'cluster_mode'];

/**
 * PM2 `instances` values that mean more than one: `max` and 0 or -1 (as many as, or one less than, the CPUs), or a
 * number above 1. One instance in cluster mode is still one.
 */
export function pm2MeansSeveral(instances: unknown): boolean {
  if (typeof instances === 'string') return instances.trim() === 'max' || pm2MeansSeveral(Number(instances.trim() || 'NaN'));
  return typeof instances === 'number' && (instances > 1 || instances === 0 || instances === -1);
}

/** `pm2 start app.js -i max` / `pm2-runtime start server.js --instances 4` in a package.json script. */
export const pm2InstancesScript = /\bpm2(?:-runtime|-docker)?\s+start\b[^&|;]*?\s(?:-i|--instances)[\s=]+(\S+)/;
