import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ProcessUsage, ReadyInfo, ServeReply, ServerStats, Variant } from './types.js';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const REPLY_TIMEOUT_MS = 120_000;

/** A `serve.ts` child process: the server under test, driven over stdin/stdout. */
export interface ServerProcess {
  ready: ReadyInfo;
  pid: number;
  stats(): Promise<ServerStats | null>;
  ensureIssues(count: number): Promise<number>;
  usage(): Promise<ProcessUsage>;
  stop(): Promise<void>;
}

function parseReply(line: string): ServeReply | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as ServeReply;
  } catch {
    return undefined;
  }
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Extra node flags for the child, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** Starts `serve.ts <variant>` and resolves once it prints its ready line. */
export async function spawnServer(variant: Variant, options: SpawnOptions = {}): Promise<ServerProcess> {
  // `node --import tsx` (not the tsx CLI, which would add a wrapper process): one process to measure and profile.
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', SERVE, variant], {
    env: { ...process.env, ...options.env, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: Array<(reply: ServeReply) => void> = [];
  let onReady: ((info: ReadyInfo) => void) | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const reply = parseReply(line);
    if (!reply) return process.stderr.write(`[${variant}] ${line}\n`);
    if ('ready' in reply) return onReady?.(reply.ready);
    waiting.shift()?.(reply);
  });
  const ready = await withTimeout(
    new Promise<ReadyInfo>((resolve, reject) => {
      onReady = resolve;
      void exited.then((code) =>
        reject(new Error(`serve.ts ${variant} exited with ${code} before it was ready`)),
      );
    }),
    START_TIMEOUT_MS,
    `serve.ts ${variant} start`,
  );

  function ask(command: string): Promise<ServeReply> {
    const answer = new Promise<ServeReply>((resolve) => waiting.push(resolve));
    child.stdin?.write(`${command}\n`);
    return withTimeout(answer, REPLY_TIMEOUT_MS, `serve.ts ${variant} ${command}`);
  }

  return {
    ready,
    pid: child.pid ?? 0,
    async stats() {
      const reply = await ask('stats');
      if ('stats' in reply) return reply.stats;
      throw new Error(`stats: ${JSON.stringify(reply)}`);
    },
    async ensureIssues(count) {
      const reply = await ask(`issues ${count}`);
      if ('issues' in reply) return reply.issues;
      throw new Error(`issues: ${JSON.stringify(reply)}`);
    },
    async usage() {
      const reply = await ask('usage');
      if ('usage' in reply) return reply.usage;
      throw new Error(`usage: ${JSON.stringify(reply)}`);
    },
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    process.stderr.write(`serve.ts (pid ${child.pid}) did not stop within 15 s; killing it\n`);
    child.kill('SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
