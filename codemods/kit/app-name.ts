/**
 * The app's name as its Redis keys begin with it (`shop:sess:…`, `shop:cache:…`, `shop:rl:…`, BullMQ's
 * `shop:stateless-jobs:…`): two apps on one Redis then share no sessions, caches, limits or jobs, and an ACL
 * can confine each app to its own keys (`~shop:*`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** `@acme/Web Shop` → `acme-web-shop`: letters, digits, `.`, `_` and `-` only, so it reads well in a key and a quoted string. */
export function keyName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** As a key name: the `name` of the nearest package.json above `file` (a package.json itself counts), else its folder's name. */
export function appNameOf(file: string): string {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest)) {
      let name: unknown;
      try {
        name = (JSON.parse(fs.readFileSync(manifest, 'utf8').replace(/^\uFEFF/, '')) as { name?: unknown }).name;
      } catch {
        name = undefined;
      }
      return (typeof name === 'string' && keyName(name)) || keyName(path.basename(folder)) || 'app';
    }
    if (path.dirname(folder) === folder) return 'app';
  }
}
