/** Child processes of the live-room bench: pinned to a core, stopped cleanly, measured in /proc. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { LoadCommand, LoadResponse } from './protocol';

export const ROOT = resolve(__dirname, '..', '..', '..');
const GC_HOOK = './test/bench/live/gc-hook.ts';

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pinning needs taskset and at least two cores (server on 0, load on 1); BENCH_LIVE_PIN=0: off. */
export const PINNED =
  process.env.BENCH_LIVE_PIN !== '0' && availableParallelism() >= 2 && hasTaskset();
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

/** `node <nodeArgs> -r @swc-node/register -r gc-hook <script>`, under taskset when pinning. */
function command(cpu: string, nodeArgs: string[], script: string): [string, string[]] {
  const args = [...nodeArgs, '-r', '@swc-node/register', '-r', GC_HOOK, script];
  return PINNED ? ['taskset', ['-c', cpu, process.execPath, ...args]] : [process.execPath, args];
}

export interface Server {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Extra node flags for the servers: BENCH_LIVE_CPU_PROF=1 writes a .cpuprofile per server. */
function serverNodeArgs(name: string): string[] {
  const args = ['--expose-gc'];
  if (process.env.BENCH_LIVE_CPU_PROF === '1') {
    args.push('--cpu-prof', `--cpu-prof-dir=${resolve(ROOT, '.data', 'bench-profiles')}`);
    args.push(`--cpu-prof-name=${name}-${Date.now()}.cpuprofile`);
  }
  return args;
}

function startServer(name: string, script: string, env: NodeJS.ProcessEnv, port: number): Server {
  const [file, args] = command(SERVER_CPU, serverNodeArgs(name), script);
  const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntil(server: Server, ready: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`${server.name} exited early:\n${server.output().slice(-4000)}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`${server.name} not ready within ${ms} ms:\n${server.output().slice(-4000)}`);
}

/** The Roundtable API from source (apps/api/src/main.ts), production mode. */
export async function startApi(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<Server> {
  const server = startServer(
    name,
    'apps/api/src/main.ts',
    { ...process.env, ...env, PORT: String(port) },
    port,
  );
  await waitUntil(server, async () => (await fetch(`${server.url}/health`)).status === 200, 60_000);
  return server;
}

/** The bare socket.io baseline (bare-server.ts). */
export async function startBare(name: string, port: number): Promise<Server> {
  const server = startServer(
    name,
    'test/bench/live/bare-server.ts',
    { ...process.env, PORT: String(port), NODE_ENV: 'production' },
    port,
  );
  await waitUntil(server, async () => server.output().includes(`listening ${port}`), 30_000);
  return server;
}

/** user + system CPU seconds the process used so far (/proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted from `state` (field 3) here.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Busy CPU seconds of the whole machine so far, all cores (/proc/stat). */
export function machineBusySeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = cpu.split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
  const busy = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0) - ticks[3] - ticks[4];
  return busy / 100;
}

/** "some avg60" of /proc/pressure/cpu: the share of time something waited for a CPU. */
export function cpuPressure(): string {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0];
    return `${/avg60=([\d.]+)/.exec(some)?.[1] ?? '?'}%`;
  } catch {
    return 'unknown';
  }
}

/** Resident set size in bytes (/proc/<pid>/status VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** Forces a full GC in the server (gc-hook.ts), then reads its RSS and V8 heap. */
export async function settledMemory(server: Server): Promise<{ rss: number; heapUsed: number }> {
  const pid = server.child.pid as number;
  const before = server.output().length;
  server.child.kill('SIGUSR2');
  const deadline = Date.now() + (process.env.BENCH_LIVE_HEAP_SNAPSHOTS ? 300_000 : 10_000);
  for (;;) {
    const match = /BENCH_MEMORY (\{.*\})/.exec(server.output().slice(before));
    if (match) {
      const usage = JSON.parse(match[1]) as { heapUsed: number };
      await new Promise((wait) => setTimeout(wait, 300));
      return { rss: rssBytes(pid), heapUsed: usage.heapUsed };
    }
    if (Date.now() > deadline) throw new Error(`${server.name} did not report its memory`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** The load process (load.ts) on its own core, driven over IPC. */
export class LoadProcess {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  constructor() {
    const [file, args] = command(
      LOAD_CPU,
      ['--max-old-space-size=2048'],
      'test/bench/live/load.ts',
    );
    this.child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message) => {
      const response = message as LoadResponse;
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      if (response.ok) waiter.resolve(response.result);
      else waiter.reject(new Error(`load process: ${response.error}`));
    });
    this.child.once('exit', (code) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`the load process exited (${code})`));
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  run<T>(command: LoadCommand): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.child.send({ ...command, id });
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
