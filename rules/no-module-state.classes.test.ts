import { commonjs, ruleTester } from '../src/test-support/rule-tester.js';
import rule from './no-module-state.js';

// Class statics and singleton fields (module-level bindings are in no-module-state.test.ts).
ruleTester.run('no-module-state', rule, {
  valid: [],
  invalid: [
    // Class statics, via the class name or `this` in a static method.
    {
      code: `export class PriceCache {
  static entries = new Map<string, number>();
  static put(id: string, price: number) { PriceCache.entries.set(id, price); }
}`,
      errors: [{ messageId: 'providerState', line: 2, column: 3 }],
    },
    {
      code: `class Registry {
  private static items: string[] = [];
  static add(item: string) { this.items.push(item); }
}
export default Registry;`,
      errors: [{ messageId: 'providerState', line: 2, column: 3 }],
    },
    {
      code: `class Config {
  static current = null;
}
export function setConfig(c) { Config.current = c; }`,
      errors: [{ messageId: 'providerState', line: 2, column: 3 }],
    },
    // Singletons: a module-level instance, and NestJS providers.
    {
      code: `class CartService {
  private carts = new Map<string, string[]>();
  add(user: string, item: string) { this.carts.set(user, [item]); }
}
export default new CartService();`,
      errors: [{ messageId: 'providerState', line: 2, column: 3 }],
    },
    {
      code: `export class Catalog {
  products = [];
  add(p) { this.products.push(p); }
}
export const catalog = new Catalog();`,
      errors: [{ messageId: 'providerState', line: 2, column: 3 }],
    },
    {
      code: `class CartService {
  constructor() { this.carts = {}; }
  add(user, item) { this.carts[user] = item; }
}
module.exports = new CartService();`,
      ...commonjs,
      errors: [{ messageId: 'providerState', line: 2, column: 19 }],
    },
    {
      code: `class Tracker {
  seen = new Set<string>();
  handle = (req, res) => { this.seen.add(req.ip); res.end(); };
}
export const tracker = new Tracker();`,
      errors: [{ messageId: 'providerState', line: 2, column: 3 }],
    },
    {
      code: `import { Injectable } from '@nestjs/common';
@Injectable()
export class ProductsService {
  private cache = new Map<string, Product>();
  async find(id: string) {
    if (!this.cache.has(id)) this.cache.set(id, await this.repo.find(id));
    return this.cache.get(id);
  }
}`,
      errors: [{ messageId: 'providerState', line: 4, column: 3 }],
    },
    {
      code: `import { Controller, Post, Body } from '@nestjs/common';
@Controller('cart')
export class CartController {
  private lastOrder: string | undefined;
  @Post() order(@Body() body: { id: string }) { this.lastOrder = body.id; }
}`,
      errors: [{ messageId: 'providerState', line: 4, column: 3 }],
    },
    {
      code: `import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.DEFAULT })
export class Store {
  private readonly data: Record<string, unknown> = {};
  put(k: string, v: unknown) { this.data[k] = v; }
}`,
      errors: [{ messageId: 'providerState', line: 4, column: 3 }],
    },
  ],
});
