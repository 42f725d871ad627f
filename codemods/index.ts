/** Every codemod by id: what `stateless migrate` applies and the catalog's `codemod` fields name. */
import type { CodemodId } from '../src/catalog.js';
import type { Codemod } from './kit/codemod.js';
import { cacheRedis } from './cache-redis/index.js';
import { jobsQueue } from './jobs-queue/index.js';
import { rateLimitRedis } from './rate-limit-redis/index.js';
import { sessionRedis } from './session-redis/index.js';
import { socketioRedisAdapter } from './socketio-redis-adapter/index.js';
import { uploadsObjectStorage } from './uploads-object-storage/index.js';

export const codemods: Record<CodemodId, Codemod> = {
  'session-redis': sessionRedis,
  'cache-redis': cacheRedis,
  'uploads-object-storage': uploadsObjectStorage,
  'jobs-queue': jobsQueue,
  'socketio-redis-adapter': socketioRedisAdapter,
  'rate-limit-redis': rateLimitRedis,
};
