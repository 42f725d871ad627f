/**
 * The stories every guide on stateless services tells, as functions over a running cluster of express-shop
 * instances behind the proxy. Each returns what it saw: whether the state survived, and in words how.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { Cluster } from '../test-support/cluster.js';
import { pictureFor, ShopUser } from './shop-user.js';

export interface Observation {
  /** Whether the state survived the story. */
  kept: boolean;
  /** What happened, in the words of the README table. */
  detail: string;
}

type CartBody = { items: { productId: string; qty: number }[] };

function quantityOf(body: unknown, productId: string): number {
  return (body as CartBody).items?.find((item) => item.productId === productId)?.qty ?? 0;
}

/** 1. Log in and fill the cart on A; the next requests land on B. */
export async function wrongServer(cluster: Cluster, name: string): Promise<Observation> {
  const user = new ShopUser(cluster.url, name);
  await user.login(0);
  await user.addToCart('p1', 2, 0);
  const me = await user.send('GET', '/me', { instance: 1 });
  const cart = await user.send('GET', '/cart', { instance: 1 });
  const loggedIn = me.status === 200;
  const sameCart = quantityOf(cart.body, 'p1') === 2;
  if (loggedIn && sameCart) return { kept: true, detail: 'still logged in on B, same cart' };
  return { kept: false, detail: `${loggedIn ? 'logged in' : 'logged out'} on B, ${sameCart ? 'same cart' : 'cart empty'}` };
}

/** 2. Upload an avatar through A, download it through B. */
export async function uploads(cluster: Cluster, name: string): Promise<Observation> {
  const user = new ShopUser(cluster.url, name);
  await user.login(0);
  const picture = pictureFor(name);
  const uploaded = await user.uploadAvatar(picture, 0);
  if (uploaded.status !== 201) return { kept: false, detail: `upload failed with ${uploaded.status}` };
  const downloaded = await user.send('GET', `/avatar/${name}`, { instance: 1 });
  if (downloaded.status === 200 && Buffer.isBuffer(downloaded.body) && downloaded.body.equals(picture)) return { kept: true, detail: 'B serves the same file' };
  return { kept: false, detail: `B answers ${downloaded.status}` };
}

/** 8. Warm B's product cache, change the price through A, read it through B. */
export async function staleCache(cluster: Cluster, name: string): Promise<Observation> {
  const admin = new ShopUser(cluster.url, 'admin');
  await admin.login(0);
  const before = await admin.send('GET', '/products/p2', { instance: 1 });
  const newPrice = (before.body as { price: number }).price + 1;
  await admin.send('PUT', '/products/p2', { json: { price: newPrice }, instance: 0 });
  const after = await admin.send('GET', '/products/p2', { instance: 1 });
  void name;
  if ((after.body as { price: number }).price === newPrice) return { kept: true, detail: 'B serves the new price at once' };
  return { kept: false, detail: 'B serves the old price until its cache entry expires (5 min)' };
}

function chatClient(url: string, instance: number, username: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, { transports: ['websocket'], extraHeaders: { 'x-instance': String(instance) }, auth: { username }, reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** 7. A chat message from a client on A must reach a client on B. */
export async function realtime(cluster: Cluster, name: string): Promise<Observation> {
  const [sender, receiver] = await Promise.all([chatClient(cluster.url, 0, `${name}-a`), chatClient(cluster.url, 1, `${name}-b`)]);
  try {
    const received = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 1_500);
      receiver.on('chat', (message: { text: string }) => {
        if (message.text !== `hello from ${name}`) return;
        clearTimeout(timer);
        resolve(true);
      });
    });
    sender.emit('chat', `hello from ${name}`);
    return (await received) ? { kept: true, detail: 'the client on B receives it' } : { kept: false, detail: 'the client on B never receives it' };
  } finally {
    sender.close();
    receiver.close();
  }
}

/** A user with a session, a cart and an avatar made on A and B, for the stories that change the cluster. */
export async function establishedUser(cluster: Cluster, name: string): Promise<{ user: ShopUser; picture: Buffer }> {
  const user = new ShopUser(cluster.url, name);
  const picture = pictureFor(name);
  await user.login(0);
  await user.addToCart('p3', 1, 0);
  await user.addToCart('p3', 2, 1);
  await user.uploadAvatar(picture, 1);
  return { user, picture };
}

/** What of an established user's state `instance` no longer serves (a cart with fewer than `expectedQuantity`). */
export async function lostOn(user: ShopUser, picture: Buffer, instance: number, expectedQuantity: number): Promise<string[]> {
  const lost: string[] = [];
  if ((await user.send('GET', '/me', { instance })).status !== 200) lost.push('session');
  // More than acknowledged is no loss: a request cut off by a crash may have been applied before it.
  if (quantityOf((await user.send('GET', '/cart', { instance })).body, 'p3') < expectedQuantity) lost.push('cart');
  const avatar = await user.send('GET', `/avatar/${user.name}`, { instance });
  if (avatar.status !== 200 || !Buffer.isBuffer(avatar.body) || !avatar.body.equals(picture)) lost.push('avatar');
  return lost;
}

/** 3. An instance added mid-run must serve existing users at once. */
export async function newServer(cluster: Cluster, name: string): Promise<Observation> {
  const { user, picture } = await establishedUser(cluster, name);
  const added = await cluster.addInstance();
  const lost = await lostOn(user, picture, added.index, 3);
  return lost.length === 0 ? { kept: true, detail: 'C serves session, cart and avatar at once' } : { kept: false, detail: `C does not know the ${lost.join(', ')}` };
}

/** 6. Failed logins spread over the instances: how many pass before the limit of 5 answers 429. */
export async function rateLimit(cluster: Cluster, name: string): Promise<Observation> {
  const user = new ShopUser(cluster.url, name);
  let allowed = 0;
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const response = await user.login(undefined, 'wrong');
    if (response.status === 429) break;
    allowed += 1;
  }
  const instances = cluster.instances.filter((instance) => instance.alive).length;
  if (allowed <= 5) return { kept: true, detail: '5 failed logins, then 429 on every instance' };
  return { kept: false, detail: `${allowed} failed logins pass with ${instances} instances (5 each)` };
}

/** 5. How many times a periodic job runs per period, counted by the lines matching `ran` that it prints. */
export async function jobRunsPerPeriod(outputs: () => string[], ran: RegExp, periodMs: number, windowMs: number): Promise<number> {
  const count = () => outputs().reduce((total, output) => total + (output.match(ran)?.length ?? 0), 0);
  const start = count();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return Math.round((count() - start) / (windowMs / periodMs));
}
