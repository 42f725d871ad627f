/** Runs a fixture app as its own Node process (through tsx) on a free loopback port, and always stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** What the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `entry` with PORT set and waits until `healthPath` answers 200 (30 s at most). */
export async function startApp(entry: string, options: { cwd: string; env?: Record<string, string>; healthPath?: string }): Promise<RunningApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [tsxCli, entry], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    child.kill('SIGTERM');
    // The whole process group: tsx runs the app in a child of its own.
    if (await exited(child, 5_000)) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited(child, 5_000);
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${entry} exited early:\n${output}`);
    try {
      if ((await fetch(`${base}${options.healthPath ?? '/health'}`)).ok) return { base, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`${entry} did not answer within 30 s:\n${output}`);
}

/** Process groups still running; killed on exit so a failed test leaves nothing behind. */
const liveProcessGroups = new Set<number>();

function killLiveProcessGroups(): void {
  for (const group of liveProcessGroups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveProcessGroups.clear();
}

function onTerminationSignal(signal: NodeJS.Signals): void {
  killLiveProcessGroups();
  // Vitest ends its workers with SIGTERM, which skips 'exit' handlers; re-raise to keep the default action.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let cleanupRegistered = false;

function registerCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.on('exit', killLiveProcessGroups);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, onTerminationSignal);
}

/** Whether any process of the group is left; zombies (killed, not yet reaped by init) count only if `countZombies`. */
function groupIsAlive(group: number, countZombies: boolean): boolean {
  try {
    process.kill(-group, 0);
  } catch {
    return false;
  }
  if (countZombies || !existsSync('/proc')) return true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // After "pid (command) " come state, ppid and process group.
    const [state, , processGroup] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(processGroup) === group && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

async function waitForGroupToEnd(group: number, countZombies: boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (groupIsAlive(group, countZombies) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

export interface RunningProcess {
  /** Pid of the tsx process, which leads the process group (the app runs in a child of it). */
  pid: number;
  /** What the process printed so far. */
  output(): string;
  /** True once the tsx process has exited, for whatever reason. */
  hasExited(): boolean;
  /** Resolves when the tsx process exits. */
  exited: Promise<void>;
  /** SIGKILL to the whole process group, like a crash; resolves once none of it runs (zombies may await reaping). */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL to the whole group after 5 s; resolves once every pid of the group is gone. */
  stop(): Promise<void>;
}

/** Runs `entry` with tsx as its own process group, e.g. a queue worker; optionally waits for a line of output. */
export async function startProcess(
  entry: string,
  options: { cwd: string; env?: Record<string, string>; waitForOutput?: string | RegExp },
): Promise<RunningProcess> {
  registerCleanup();
  let output = '';
  const child = spawn(process.execPath, [tsxCli, entry], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const group = child.pid as number; // set once 'spawn' fired
  liveProcessGroups.add(group);
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const killGroup = async (countZombies: boolean) => {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
    await exitedPromise;
    // tsx dies at once, but the app process it ran is reparented and reaped by init only later.
    await waitForGroupToEnd(group, countZombies, 5_000);
    liveProcessGroups.delete(group);
  };
  const kill = () => killGroup(false);
  const stop = async () => {
    if (!hasExited()) {
      child.kill('SIGTERM'); // tsx passes it on to the app
      await exited(child, 5_000);
    }
    await killGroup(true); // also ends an app process that outlived tsx
  };

  if (options.waitForOutput !== undefined) {
    const expected = options.waitForOutput;
    const matches = () => (typeof expected === 'string' ? output.includes(expected) : expected.test(output));
    const deadline = Date.now() + 30_000;
    while (!matches()) {
      if (hasExited() || Date.now() > deadline) {
        const reason = hasExited() ? 'exited early' : `did not print ${String(expected)} within 30 s`;
        await stop();
        throw new Error(`${entry} ${reason}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { pid: group, output: () => output, hasExited, exited: exitedPromise, kill, stop };
}
