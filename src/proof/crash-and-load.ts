/**
 * The stories with a crash: `kill -9` of an instance while requests stream in, and a load run with a crash
 * and an added instance in the middle. Only what the shop acknowledged (a 2xx answer) must survive.
 */
import type { Cluster } from '../test-support/cluster.js';
import { establishedUser, lostOn, type Observation } from './scenarios.js';
import { pictureFor, ShopUser, type Sent } from './shop-user.js';

/**
 * 4. A streams cart additions when it is killed; the survivor must have everything A acknowledged: the
 * session, the cart, the avatar, and a price change (a cache entry).
 */
export async function crash(cluster: Cluster, name: string, victim: number, survivor: number): Promise<Observation> {
  const { user, picture } = await establishedUser(cluster, name);
  // A cache entry changed through the victim: the survivor has the product cached from before.
  const admin = new ShopUser(cluster.url, 'admin');
  await admin.login(victim);
  const price = (await admin.send('GET', '/products/p4', { instance: survivor })).body as { price: number };
  const changed = (await admin.send('PUT', '/products/p4', { json: { price: price.price + 1 }, instance: victim })).status === 200;
  let acknowledged = 3;
  let killing: Promise<void> | undefined;
  // One request after the other, as one user sends them (a session is read, changed and written whole).
  for (let index = 0; index < 12; index += 1) {
    if (index === 6) killing = cluster.kill(victim);
    if ((await user.addToCart('p3', 1)).status === 201) acknowledged += 1;
  }
  await killing;
  const lost = await lostOn(user, picture, survivor, acknowledged);
  const seen = (await admin.send('GET', '/products/p4', { instance: survivor })).body as { price: number };
  if (changed && seen.price !== price.price + 1) lost.push('price change');
  return lost.length === 0 ? { kept: true, detail: 'nothing acknowledged is lost' } : { kept: false, detail: `B, the survivor, does not have the ${lost.join(', ')}` };
}

export interface LoadResult {
  requests: number;
  /** Requests that did not get a 2xx, by why. */
  failures: { status: number; servedBy: number }[];
  /** Users whose session, cart or avatar a live instance no longer serves, with what is missing. */
  lost: { user: string; what: string[] }[];
}

/**
 * ~`users × steps` requests from concurrent users, round-robin over the instances, killing `victim` after a
 * third of them and adding an instance after two thirds.
 */
export async function loadRun(cluster: Cluster, options: { users: number; steps: number; victim: number; prefix: string }): Promise<LoadResult> {
  const total = options.users * options.steps;
  let sent = 0;
  const failures: LoadResult['failures'] = [];
  let killed: Promise<void> | undefined;
  let added: Promise<unknown> | undefined;
  const record = (response: Sent): Sent => {
    sent += 1;
    if (response.status >= 300) failures.push({ status: response.status, servedBy: response.servedBy });
    if (!killed && sent >= total / 3) killed = cluster.kill(options.victim);
    if (!added && sent >= (2 * total) / 3) added = cluster.addInstance();
    return response;
  };
  /** Retries what was not acknowledged: a user whose request failed simply sends it again. */
  const untilAcknowledged = async (attempt: () => Promise<Sent>): Promise<Sent> => {
    for (let tries = 0; tries < 10; tries += 1) {
      const response = record(await attempt());
      if (response.status < 300) return response;
    }
    throw new Error('a request failed ten times in a row');
  };

  const carts = new Map<string, number>();
  const pictures = new Map<string, Buffer>();
  const users = Array.from({ length: options.users }, (_, index) => new ShopUser(cluster.url, `${options.prefix}-${index}`));
  // Logins one after the other: the login rate limit counts requests in flight, and 20 at once would trip it.
  for (const user of users) await untilAcknowledged(() => user.login());
  await Promise.all(
    users.map(async (user) => {
      const picture = pictureFor(user.name);
      await untilAcknowledged(() => user.uploadAvatar(picture));
      pictures.set(user.name, picture);
      let quantity = 0;
      for (let step = 2; step < options.steps; step += 1) {
        if (step % 10 === 0) {
          record(await user.send('GET', '/cart'));
          continue;
        }
        if ((record(await user.addToCart('p3', 1))).status === 201) quantity += 1;
      }
      carts.set(user.name, quantity);
    }),
  );
  await Promise.all([killed, added]);
  const survivor = cluster.instances.find((instance) => instance.alive)!.index;
  const lost: LoadResult['lost'] = [];
  for (const user of users) {
    const what = await lostOn(user, pictures.get(user.name)!, survivor, carts.get(user.name)!);
    if (what.length > 0) lost.push({ user: user.name, what });
  }
  return { requests: sent, failures, lost };
}
