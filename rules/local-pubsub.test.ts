/** In-process pub/sub engines for GraphQL subscriptions are realtime state: events reach only this process's subscribers. */
import { commonjs, ruleTester } from '../src/test-support/rule-tester.js';
import rule from './no-local-realtime-state.js';

const pubSub = (line: number, column: number, library = 'graphql-subscriptions PubSub') => ({ messageId: 'localPubSub', line, column, data: { library } });

ruleTester.run('no-local-realtime-state (pub-sub)', rule, {
  valid: [
    // Shared engines.
    `import { RedisPubSub } from 'graphql-redis-subscriptions';
export const pubsub = new RedisPubSub({ publisher, subscriber });`,
    `import { createPubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
export const pubSub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });`,
    `import mercurius from 'mercurius';
import mqRedis from 'mqemitter-redis';
app.register(mercurius, { schema, subscription: { emitter: mqRedis({ port: 6379 }) } });`,
    // A local class of the same name, and a plain EventEmitter (most are not a cross-request bus).
    `class PubSub { publish() {} }
export const pubsub = new PubSub();`,
    `import { EventEmitter } from 'node:events';
export const events = new EventEmitter();`,
    // Options the file does not show.
    `import { createPubSub } from 'graphql-yoga';
export const pubSub = createPubSub(pubSubOptions);`,
  ],
  invalid: [
    {
      code: `import { Injectable, OnModuleInit } from '@nestjs/common';
import { PubSub as LocalPubSub } from 'graphql-subscriptions';
@Injectable()
export class PubSubService implements OnModuleInit {
  private pubsub: LocalPubSub;
  onModuleInit() {
    this.pubsub = new LocalPubSub();
  }
  publish(topic: string, payload: unknown) {
    return this.pubsub.publish(topic, payload);
  }
}`,
      errors: [pubSub(7, 19)],
    },
    {
      // CommonJS, the class taken from the require result, stored on a global namespace.
      code: `const PubSub = require('graphql-subscriptions').PubSub;
WIKI.GQLEmitter = new PubSub();`,
      ...commonjs,
      errors: [pubSub(2, 19)],
    },
    {
      code: `import { ApolloServer, PubSub } from 'apollo-server-express';
export const pubsub = new PubSub();`,
      errors: [pubSub(2, 23, 'PubSub (graphql-subscriptions)')],
    },
    {
      code: `import { createPubSub } from 'graphql-yoga';
export const pubSub = createPubSub<{ 'post:created': [post: Post] }>();`,
      errors: [pubSub(2, 23, 'graphql-yoga createPubSub')],
    },
    {
      code: `const Fastify = require('fastify');
const mercurius = require('mercurius');
const app = Fastify();
app.register(mercurius, { schema, resolvers, subscription: true });`,
      ...commonjs,
      errors: [pubSub(4, 1, 'mercurius subscriptions')],
    },
  ],
});
