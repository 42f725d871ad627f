/** A simulated user of express-shop: a cookie jar and the shop's endpoints, each request through the proxy. */

export interface Sent {
  /** The HTTP status, or 0 when the connection was cut before the whole answer arrived. */
  status: number;
  body: unknown;
  /** The instance that answered (the proxy's `x-served-by`), -1 when the proxy answered itself. */
  servedBy: number;
}

export class ShopUser {
  private cookie: string | undefined;

  constructor(
    private readonly proxyUrl: string,
    readonly name: string,
  ) {}

  /** Sends a request, to instance `instance` when given (else the proxy picks), keeping the session cookie. */
  async send(method: string, path: string, options: { json?: unknown; form?: FormData; instance?: number } = {}): Promise<Sent> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (options.instance !== undefined) headers['x-instance'] = String(options.instance);
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else body = options.form;
    let response: Response;
    try {
      response = await fetch(`${this.proxyUrl}${path}`, { method, headers, body });
    } catch (error) {
      // No answer at all: nobody can say which instance it reached.
      return { status: 0, body: cutOff(error), servedBy: -1 };
    }
    const servedBy = Number(response.headers.get('x-served-by') ?? -1);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const type = response.headers.get('content-type') ?? '';
    try {
      const payload = type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
      return { status: response.status, body: payload, servedBy };
    } catch (error) {
      // The instance died while answering: the proxy cuts the client off, so the answer is not acknowledged.
      return { status: 0, body: cutOff(error), servedBy };
    }
  }

  login(instance?: number, password = 'secret'): Promise<Sent> {
    return this.send('POST', '/login', { json: { username: this.name, password }, instance });
  }

  addToCart(productId: string, qty: number, instance?: number): Promise<Sent> {
    return this.send('POST', '/cart', { json: { productId, qty }, instance });
  }

  uploadAvatar(picture: Buffer, instance?: number): Promise<Sent> {
    const form = new FormData();
    form.append('avatar', new Blob([picture], { type: 'image/png' }), `${this.name}.png`);
    return this.send('POST', '/avatar', { form, instance });
  }
}

function cutOff(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `connection cut (${error instanceof Error ? error.message : String(error)}${cause})`;
}

/** A small PNG-like payload unique to `seed`, so downloads can be compared byte for byte. */
export function pictureFor(seed: string): Buffer {
  const bytes = Buffer.alloc(2048);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = (seed.charCodeAt(index % seed.length) + index) % 256;
  return bytes;
}
