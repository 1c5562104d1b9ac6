import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnLineChild, type Reply } from './line-protocol.js';
import type { ProcessUsage, ReadyInfo, ServerStats, Variant } from './types.js';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));

/** A `serve.ts` child process: the server under test, driven over stdin/stdout. */
export interface ServerProcess {
  ready: ReadyInfo;
  pid: number;
  stats(): Promise<ServerStats | null>;
  ensureIssues(count: number): Promise<number>;
  usage(): Promise<ProcessUsage>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Extra node flags for the child, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

function field<T>(reply: Reply, key: string): T {
  if (!(key in reply)) throw new Error(`expected "${key}" from serve.ts, got ${JSON.stringify(reply)}`);
  return reply[key] as T;
}

/** Starts `serve.ts <variant>` and resolves once it prints its ready line. */
export async function spawnServer(variant: Variant, options: SpawnOptions = {}): Promise<ServerProcess> {
  const { child, ready, exited, ask } = await spawnLineChild(SERVE, [variant], {
    label: `serve.ts ${variant}`,
    env: { ...options.env, NODE_ENV: 'production' },
    ...(options.nodeFlags ? { nodeFlags: options.nodeFlags } : {}),
  });
  return {
    ready: field<ReadyInfo>(ready, 'ready'),
    pid: child.pid ?? 0,
    stats: async () => field<ServerStats | null>(await ask('stats'), 'stats'),
    ensureIssues: async (count) => field<number>(await ask(`issues ${count}`), 'issues'),
    usage: async () => field<ProcessUsage>(await ask('usage'), 'usage'),
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
