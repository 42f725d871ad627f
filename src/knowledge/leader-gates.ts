/**
 * How a web process makes itself the one instance that runs the jobs: a job behind such a gate runs once, not N
 * times, as long as exactly one instance passes the gate. Still fragile (see README), so reported as info.
 */

/** `cluster.isPrimary` / `cluster.isMaster`: true in the primary of a node:cluster only. */
export const clusterPrimaryMembers: readonly { modules: readonly string[]; members: readonly string[] }[] = [
  { modules: ['cluster'], members: ['isPrimary', 'isMaster'] },
];

/** Environment variables that number the instances of a process manager (PM2's NODE_APP_INSTANCE, pm_id). */
export const instanceNumberVariables: readonly string[] = ['NODE_APP_INSTANCE', 'pm_id', 'INSTANCE_ID', 'CF_INSTANCE_INDEX'];

/**
 * Names of flags and functions that say this instance is the designated one, or that it runs the jobs:
 * `isLeader`, `LEADER`, `amILeader()`, `RUN_JOBS`, `ENABLE_CRON`, `cronEnabled`, `SCHEDULER_NODE`, `isPrimaryNode`.
 * Plain `isMaster`/`isPrimary` are left out: in request code they mostly mean a master key or a primary database.
 */
export const leaderFlagNames: readonly RegExp[] = [
  /leader(?!board)/i,
  /(^|[a-z_])(primary|main|master)_?(node|instance|replica|worker)/i,
  /(^|[a-z_])(run|enable|start)s?_?(cron|jobs?|schedul|timers?)/i,
  /(cron|jobs?|schedul\w*|timers?)_?(enabled|node|instance|host|runner|leader)($|[A-Z_])/i,
];

/** Calls that take a lock before the work, so that one instance at a time runs it: `redlock.acquire()`, `tryLock()`. */
export const lockAcquireMethods: readonly string[] = ['acquire', 'acquireLock', 'tryAcquire', 'tryLock', 'lock', 'using'];

/** What a lock's receiver or function is called when the lock is shared between instances (not an in-process mutex). */
export const distributedLockNames: readonly RegExp[] = [/red(is|lock)/i, /distributed/i, /advisory/i, /leader(?!board)/i];
