/**
 * Runs several instances of an app behind a routing proxy, so tests can send a client to the "wrong" instance,
 * add an instance, or crash one, and check that no state is lost.
 */
import type { IncomingMessage } from 'node:http';
import { freePort, startProcess, type RunningProcess } from './app-process.js';
import { servedByHeader, startRoutingProxy, type RoutingProxy } from './proxy.js';

export { startProcess, type RunningProcess } from './app-process.js';
export { forcedInstanceHeader, servedByHeader } from './proxy.js';

export interface ClusterOptions {
  /** Absolute path of the app's entry file, run with tsx. */
  entry: string;
  cwd: string;
  /** Merged over process.env; PORT is set per instance. */
  env: Record<string, string>;
  /** Variables of one instance only (e.g. a data folder of its own, as on separate machines). */
  instanceEnv?: (index: number) => Record<string, string>;
  /** Answers 200 once the instance is ready; default `/health`. */
  healthPath?: string;
}

export interface Instance {
  readonly index: number;
  /** `http://127.0.0.1:<port>` of the instance itself, bypassing the proxy. */
  readonly base: string;
  readonly port: number;
  /** Leader of the instance's process group (the tsx process). */
  readonly pid: number;
  /** False once killed or exited; the proxy never routes to it again. */
  readonly alive: boolean;
  /** What the instance printed so far. */
  output(): string;
}

class ClusterInstance implements Instance {
  #killed = false;

  constructor(
    readonly index: number,
    readonly port: number,
    readonly running: RunningProcess,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.running.pid;
  }

  get alive(): boolean {
    return !this.#killed && !this.running.hasExited();
  }

  output(): string {
    return this.running.output();
  }

  /** Takes the instance out of the rotation before it is actually dead, so no new request races the kill. */
  markKilled(): void {
    this.#killed = true;
  }
}

/** Ports handed out but not bound yet: instances start in parallel, and freePort() alone could repeat one. */
const reservedPorts = new Set<number>();

async function reservePort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!reservedPorts.has(port)) {
      reservedPorts.add(port);
      return port;
    }
  }
}

async function startInstance(options: ClusterOptions, index: number): Promise<ClusterInstance> {
  const port = await reservePort();
  try {
    return await startHealthyInstance(options, index, port);
  } finally {
    reservedPorts.delete(port); // bound by now, or given up
  }
}

async function startHealthyInstance(options: ClusterOptions, index: number, port: number): Promise<ClusterInstance> {
  const running = await startProcess(options.entry, { cwd: options.cwd, env: { ...options.env, ...options.instanceEnv?.(index), PORT: String(port) } });
  const instance = new ClusterInstance(index, port, running);
  const healthUrl = `${instance.base}${options.healthPath ?? '/health'}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (running.hasExited()) {
      await running.stop();
      throw new Error(`instance ${index} (${options.entry}) exited early:\n${running.output()}`);
    }
    try {
      if ((await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) })).ok) return instance;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await running.stop();
  throw new Error(`instance ${index} (${options.entry}) did not answer ${healthUrl} within 30 s:\n${running.output()}`);
}

/** Instances of one app behind a proxy at `url`; see startRoutingProxy for how requests are routed. */
export class Cluster {
  #nextIndex = 0;
  #stopping: Promise<void> | undefined;

  private constructor(
    private readonly options: ClusterOptions,
    private readonly proxy: RoutingProxy,
    /** Healthy (or since killed) instances, ordered by index; the proxy reads the same array. */
    private readonly allInstances: ClusterInstance[],
  ) {}

  /** Starts the proxy and `count` instances in parallel; on any failure stops everything and throws. */
  static async start(options: ClusterOptions, count: number): Promise<Cluster> {
    const instances: ClusterInstance[] = [];
    const cluster = new Cluster(options, await startRoutingProxy(() => instances), instances);
    const started = await Promise.allSettled(Array.from({ length: count }, () => cluster.addInstance()));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      await cluster.stop();
      throw failure.reason;
    }
    return cluster;
  }

  /** The proxy: `http://127.0.0.1:<port>`. */
  get url(): string {
    return this.proxy.url;
  }

  /** Every instance ever started, killed ones included (`alive: false`), so indexes stay stable. */
  get instances(): readonly Instance[] {
    return this.allInstances;
  }

  /** Starts one more instance with the next index; the proxy routes to it once it is healthy. */
  async addInstance(): Promise<Instance> {
    if (this.#stopping) throw new Error('cluster is stopped');
    const instance = await startInstance(this.options, this.#nextIndex++);
    if (this.#stopping) {
      await instance.running.stop();
      throw new Error('cluster was stopped while an instance was starting');
    }
    this.allInstances.push(instance);
    this.allInstances.sort((a, b) => a.index - b.index);
    return instance;
  }

  /** Crashes instance `index`: SIGKILL to its whole process group; resolves once it is gone. */
  async kill(index: number): Promise<void> {
    const instance = this.#instance(index);
    instance.markKilled();
    await instance.running.kill();
  }

  /** The next new request or WebSocket upgrade without an `x-instance` header goes to instance `index`. */
  routeNext(index: number): void {
    if (!this.#instance(index).alive) throw new Error(`instance ${index} is not alive`);
    this.proxy.routeNext(index);
  }

  /** Index of the instance that answered, from the `x-served-by` header the proxy adds (also on WebSocket handshakes). */
  servedBy(response: Response | IncomingMessage): number {
    const value = response.headers instanceof Headers ? response.headers.get(servedByHeader) : response.headers[servedByHeader];
    const index = Number(value);
    if (typeof value !== 'string' || !Number.isInteger(index)) throw new Error(`response has no ${servedByHeader} header`);
    return index;
  }

  /** Stops the proxy and every instance (SIGTERM, SIGKILL after 5 s); safe to call more than once. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.proxy.close();
      await Promise.all(this.allInstances.map((instance) => instance.running.stop()));
    })();
    return this.#stopping;
  }

  #instance(index: number): ClusterInstance {
    const instance = this.allInstances.find((candidate) => candidate.index === index);
    if (!instance) throw new Error(`no instance ${index} (instances: ${this.allInstances.map((each) => each.index).join(', ')})`);
    return instance;
  }
}
