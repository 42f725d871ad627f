/**
 * rate-limit-redis: express-rate-limit and express-slow-down without a store get a rate-limit-redis
 * `RedisStore`, and rate-limiter-flexible's `RateLimiterMemory` becomes `RateLimiterRedis`, both on the shared
 * Redis client. Limiters with no safe rewrite, in-process locks and hand-rolled counters are reported with
 * what to do instead.
 */
import type { Codemod } from '../kit/codemod.js';
import { jscodeshiftTransform } from '../kit/run.js';
import { ExpressStoreRewrite } from './express-store.js';
import { FlexibleRewrite } from './flexible.js';
import { expressLimiters, expressMemoryStore, flexibleLimiter } from '../../src/knowledge/codemods/rate-limit-redis.js';
import { LimiterNames } from './limiter-names.js';
import { LimiterRewriteContext } from './limiter-options.js';
import { skipHandRolledState, skipUnrewritableLimiters } from './skips.js';

export const rateLimitRedis: Codemod = {
  id: 'rate-limit-redis',
  title: 'In-memory rate limits → rate-limit-redis / RateLimiterRedis on a shared Redis client',
  transform(root, j, context, report) {
    const shared = new LimiterRewriteContext(root, j, context, report, new LimiterNames(j, root, context.file, context.appName));
    new ExpressStoreRewrite(shared).run();
    new FlexibleRewrite(shared).run();
    skipUnrewritableLimiters(j, root, report, [...expressLimiters, expressMemoryStore.pattern, flexibleLimiter.pattern]);
    skipHandRolledState(j, root, report);
  },
};

export default jscodeshiftTransform(rateLimitRedis);
