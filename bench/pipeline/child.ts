import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseJsonLine } from '../webhooks/line-protocol.js';
import type { CallRecord, ChildCommand, ChildReply, ProcessUsage, RunRecord } from './types.js';

const ENTRY = fileURLToPath(new URL('./app-child.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;

/** An `app-child.ts` process, driven over stdin/stdout. */
export interface AppProcess {
  url: string | null;
  pid: number;
  waitForTerminal(count: number, timeoutMs: number): Promise<{ waited: number; timedOut: boolean }>;
  report(): Promise<RunRecord[]>;
  /** The calls timed since the last `calls()`. */
  calls(): Promise<CallRecord[]>;
  usage(): Promise<ProcessUsage>;
  stop(): Promise<void>;
}

export interface SpawnAppOptions {
  mode: 'app' | 'worker';
  /** The app's settings, as environment variable names. */
  env: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  label: string;
}

/** Starts the app (or a worker) in a child process and resolves once it is ready. */
export async function spawnApp(options: SpawnAppOptions): Promise<AppProcess> {
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', ENTRY, options.mode],
    {
      env: { ...process.env, BENCH_PIPELINE_ENV: JSON.stringify(options.env), NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waiting: Array<(reply: ChildReply) => void> = [];
  let onReady: ((reply: { url: string | null; pid: number }) => void) | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const reply = parseJsonLine<ChildReply>(line);
    if (!reply) return process.stderr.write(`[${options.label}] ${line}\n`);
    if ('ready' in reply) return onReady?.(reply.ready);
    waiting.shift()?.(reply);
  });
  const ready = await withTimeout(
    new Promise<{ url: string | null; pid: number }>((resolve, reject) => {
      onReady = resolve;
      void exited.then((code) =>
        reject(new Error(`${options.label} exited with ${code} before it was ready`)),
      );
    }),
    START_TIMEOUT_MS,
    `${options.label} start`,
  );

  async function ask(command: ChildCommand, timeoutMs = 60_000): Promise<ChildReply> {
    const answer = new Promise<ChildReply>((resolve) => waiting.push(resolve));
    child.stdin?.write(`${JSON.stringify(command)}\n`);
    const reply = await withTimeout(answer, timeoutMs, `${options.label} ${command.cmd}`);
    if ('error' in reply) throw new Error(`${options.label} ${command.cmd}: ${reply.error}`);
    return reply;
  }

  return {
    url: ready.url,
    pid: ready.pid,
    async waitForTerminal(count, timeoutMs) {
      const reply = await ask({ cmd: 'wait', terminal: count, timeoutMs }, timeoutMs + 10_000);
      if ('waited' in reply) return reply;
      throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    },
    async report() {
      const reply = await ask({ cmd: 'report' });
      if ('report' in reply) return reply.report;
      throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    },
    async calls() {
      const reply = await ask({ cmd: 'calls' });
      if ('calls' in reply) return reply.calls;
      throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    },
    async usage() {
      const reply = await ask({ cmd: 'usage' });
      if ('usage' in reply) return reply.usage;
      throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    },
    stop: () => stopChild(child, exited, options.label),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, label: string): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    process.stderr.write(`${label} (pid ${child.pid}) did not stop within 15 s; killing it\n`);
    child.kill('SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
