/**
 * NestJS modules configured through a factory (`forRootAsync` / `registerAsync` with `useFactory`) are read like
 * `forRoot` / `register`: the options are the object the factory returns.
 */
import { commonjs, ruleTester } from '../src/test-support/rule-tester.js';
import rateLimitRule from './no-memory-rate-limit.js';
import cacheRule from './no-process-cache.js';

const limiter = (line: number, column: number) => ({ messageId: 'memoryLimiter', line, column, data: { library: '@nestjs/throttler' } });

ruleTester.run('no-memory-rate-limit (NestJS factories)', rateLimitRule, {
  valid: [
    // A storage returned by the factory, in a block body too.
    `import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ throttlers: [{ ttl: 60, limit: 10 }], storage: new ThrottlerStorageRedisService(config.get('REDIS_URL')) }),
    }),
  ],
})
export class AppModule {}`,
    `import { ThrottlerModule } from '@nestjs/throttler';
export const throttler = ThrottlerModule.forRootAsync({
  useFactory: async (config) => {
    const storage = new ThrottlerStorageRedisService(config.redis);
    return { throttlers: [{ ttl: 60, limit: 10 }], storage };
  },
});`,
    // Options the file does not show: a class, an existing provider, a factory defined elsewhere, two returns.
    `import { ThrottlerModule } from '@nestjs/throttler';
export const a = ThrottlerModule.forRootAsync({ useClass: ThrottlerConfigService });
export const b = ThrottlerModule.forRootAsync({ useExisting: ThrottlerConfigService });
export const c = ThrottlerModule.forRootAsync({ useFactory: throttlerOptions });
export const d = ThrottlerModule.forRootAsync({ useFactory: (config) => { if (config.redis) return { throttlers, storage }; return throttlers; } });`,
    // A return inside a nested function is not the factory's own.
    `import { ThrottlerModule } from '@nestjs/throttler';
export const e = ThrottlerModule.forRootAsync({ useFactory: (config) => { const pick = () => { return []; }; return { throttlers: pick(), storage: redisStorage }; } });`,
  ],
  invalid: [
    {
      // The array form returned by the factory never has a storage.
      code: `import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: async (configService: ConfigService) => [
        { ttl: +configService.get('RATE_LIMIT_TTL'), limit: +configService.get('RATE_LIMIT_MAX') },
      ],
    }),
  ],
})
export class AppModule {}`,
      errors: [limiter(6, 5)],
    },
    {
      // The object form without `storage`, in a block body (CommonJS).
      code: `const { ThrottlerModule } = require('@nestjs/throttler');
module.exports.throttler = ThrottlerModule.forRootAsync({
  useFactory: function (config) {
    return { throttlers: [{ ttl: config.ttl, limit: config.limit }] };
  },
});`,
      ...commonjs,
      errors: [limiter(2, 28)],
    },
    {
      // A storage only when Redis is configured: off by default.
      code: `import { ThrottlerModule } from '@nestjs/throttler';
export const throttler = ThrottlerModule.forRootAsync({
  useFactory: (config) => ({ throttlers: [{ ttl: 60, limit: 10 }], storage: config.redisUrl ? new ThrottlerStorageRedisService(config.redisUrl) : undefined }),
});`,
      errors: [{ messageId: 'optionalStore', line: 2, column: 26, data: { library: '@nestjs/throttler', option: 'storage' } }],
    },
  ],
});

ruleTester.run('no-process-cache (NestJS factories)', cacheRule, {
  valid: [
    `import { CacheModule } from '@nestjs/cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
export const cache = CacheModule.registerAsync({ isGlobal: true, useFactory: async () => ({ store: await redisStore({ url: process.env.REDIS_URL }) }) });`,
  ],
  invalid: [
    {
      code: `import { CacheModule } from '@nestjs/cache-manager';
export const cache = CacheModule.registerAsync({ isGlobal: true, useFactory: () => ({ ttl: 5000 }) });`,
      errors: [{ messageId: 'processCache', line: 2, column: 22, data: { library: '@nestjs/cache-manager' } }],
    },
  ],
});
