/** A small routing reverse proxy in front of a cluster of app instances, for tests that move clients between instances. */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** One instance the proxy may send traffic to. */
export interface ProxyTarget {
  index: number;
  port: number;
  alive: boolean;
}

/** Request header that forces the instance a request (or WebSocket upgrade) goes to. */
export const forcedInstanceHeader = 'x-instance';
/** Response header naming the instance that served the request. */
export const servedByHeader = 'x-served-by';

/** Connection-level headers that must not be forwarded (RFC 9110 §7.6.1). */
const hopByHopHeaders = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade'];

export interface RoutingProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The next new request or WebSocket upgrade without `x-instance` goes to instance `index`. */
  routeNext(index: number): void;
  close(): Promise<void>;
}

type Route = { target: ProxyTarget } | { error: string };

function withoutHopByHop(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  const copy: http.OutgoingHttpHeaders = { ...headers };
  for (const name of hopByHopHeaders) delete copy[name];
  return copy;
}

/** Raw HTTP/1.1 head of the incoming request, to replay it to the instance before piping the upgraded socket. */
function requestHead(request: http.IncomingMessage): string {
  let head = `${request.method} ${request.url} HTTP/${request.httpVersion}\r\n`;
  for (let i = 0; i < request.rawHeaders.length; i += 2) head += `${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}\r\n`;
  return `${head}\r\n`;
}

/** Starts the proxy on a free loopback port; `targets()` is read on every request so killed and added instances count at once. */
export async function startRoutingProxy(targets: () => readonly ProxyTarget[]): Promise<RoutingProxy> {
  // No keep-alive: every request opens its own connection, so each one is routed (and can fail) on its own.
  const agent = new http.Agent({ keepAlive: false });
  const upgradedSockets = new Set<Duplex>();
  let nextIndex: number | undefined;
  let roundRobin = 0;

  const route = (forced: string | string[] | undefined): Route => {
    const all = targets();
    let wanted: number | undefined;
    if (forced !== undefined) {
      const value = Array.isArray(forced) ? forced[0] : forced;
      wanted = Number(value);
      if (!Number.isInteger(wanted)) return { error: `${forcedInstanceHeader}: ${String(value)} is not an instance index` };
    } else if (nextIndex !== undefined) {
      wanted = nextIndex;
      nextIndex = undefined; // routeNext applies to one request only
    }
    if (wanted !== undefined) {
      const target = all.find((candidate) => candidate.index === wanted);
      if (!target) return { error: `instance ${wanted} does not exist` };
      if (!target.alive) return { error: `instance ${wanted} is not alive (killed or exited)` };
      return { target };
    }
    const live = all.filter((candidate) => candidate.alive);
    if (live.length === 0) return { error: 'no live instance' };
    const target = live[roundRobin++ % live.length] as ProxyTarget;
    return { target };
  };

  const forwardRequest = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chosen = route(request.headers[forcedInstanceHeader]);
    if ('error' in chosen) {
      request.resume();
      response.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${chosen.error}\n`);
      return;
    }
    const { index, port } = chosen.target;
    const upstream = http.request({
      host: '127.0.0.1',
      port,
      method: request.method,
      path: request.url,
      headers: withoutHopByHop(request.headers),
      agent,
    });
    upstream.on('response', (answer) => {
      const headers = { ...withoutHopByHop(answer.headers), [servedByHeader]: String(index) };
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      answer.pipe(response);
      // The instance died after it started answering: cut the client off rather than end a truncated body cleanly.
      answer.on('error', () => response.destroy());
      answer.on('close', () => {
        if (!answer.complete) response.destroy();
      });
    });
    upstream.on('error', (error) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response
        .writeHead(502, { 'content-type': 'text/plain', [servedByHeader]: String(index) })
        .end(`proxy: instance ${index} failed: ${error.message}\n`);
    });
    // The client went away before the answer was complete: do not leave the upstream request hanging.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  };

  const forwardUpgrade = (request: http.IncomingMessage, client: Duplex, head: Buffer) => {
    const chosen = route(request.headers[forcedInstanceHeader]);
    if ('error' in chosen) {
      const body = `proxy: ${chosen.error}\n`;
      client.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    const { index, port } = chosen.target;
    upgradedSockets.add(client);
    const upstream = net.connect(port, '127.0.0.1');
    upgradedSockets.add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      upgradedSockets.delete(client);
      upgradedSockets.delete(upstream);
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    upstream.once('connect', () => {
      upstream.write(requestHead(request));
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream);
    });
    // Add x-served-by to the instance's handshake answer, then pass everything else through untouched.
    let answerHead = Buffer.alloc(0);
    const readAnswerHead = (chunk: Buffer) => {
      answerHead = Buffer.concat([answerHead, chunk]);
      const end = answerHead.indexOf('\r\n\r\n');
      if (end === -1) return;
      upstream.off('data', readAnswerHead);
      client.write(Buffer.concat([answerHead.subarray(0, end + 2), Buffer.from(`${servedByHeader}: ${index}\r\n`), answerHead.subarray(end + 2)]));
      upstream.pipe(client);
    };
    upstream.on('data', readAnswerHead);
  };

  const server = http.createServer(forwardRequest);
  // Clients close idle keep-alive connections themselves; a server-side idle timeout would race with a client
  // reusing the connection and fail a request no instance ever saw.
  server.keepAliveTimeout = 0;
  server.on('upgrade', forwardUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    routeNext: (index) => {
      nextIndex = index;
    },
    close: async () => {
      for (const socket of upgradedSockets) socket.destroy();
      upgradedSockets.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      agent.destroy();
    },
  };
}
