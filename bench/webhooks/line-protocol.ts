/**
 * How the benchmark drives its child processes (the servers under test, the GitHub twin): a child prints one
 * JSON line when it is ready, then answers each command line it reads on stdin with one JSON line. Other
 * output lines are passed through to stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type Reply = Record<string, unknown>;

/** The parent's side: a running child, its ready line, and a way to ask it things. */
export interface LineChild {
  child: ChildProcess;
  ready: Reply;
  exited: Promise<number | null>;
  ask(command: string): Promise<Reply>;
}

export interface SpawnLineChildOptions {
  /** Names the child in messages and passed-through output. */
  label: string;
  env?: Record<string, string>;
  /** Extra node flags for the child, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  startTimeoutMs?: number;
  replyTimeoutMs?: number;
}

/** A child's JSON line, or undefined for any other output line (passed through by the caller). */
export function parseJsonLine<T = Reply>(line: string): T | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}

/** Starts `node --import tsx <script> <args>` and resolves with its first JSON line. */
export async function spawnLineChild(
  script: string,
  args: string[],
  options: SpawnLineChildOptions,
): Promise<LineChild> {
  const { label } = options;
  // `node --import tsx` (not the tsx CLI, which would add a wrapper process): one process to measure and profile.
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waiting: Array<(reply: Reply) => void> = [];
  createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
    const reply = parseJsonLine(line);
    if (!reply) return process.stderr.write(`[${label}] ${line}\n`);
    waiting.shift()?.(reply);
  });
  const next = () => new Promise<Reply>((resolve) => waiting.push(resolve));
  const ready = await withTimeout(
    Promise.race([
      next(),
      exited.then((code) => {
        throw new Error(`${label} exited with ${code} before it was ready`);
      }),
    ]),
    options.startTimeoutMs ?? 60_000,
    `${label} start`,
  );
  return {
    child,
    ready,
    exited,
    async ask(command) {
      const answer = next();
      child.stdin?.write(`${command}\n`);
      const reply = await withTimeout(answer, options.replyTimeoutMs ?? 120_000, `${label} ${command}`);
      if ('error' in reply) throw new Error(`${label} ${command}: ${String(reply['error'])}`);
      return reply;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The child's side: one JSON line. */
export function reply(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/**
 * The child's side: answers stdin's command lines one at a time (`answer` replies), turns a failure into an
 * `{ error }` line, and calls `onClose` when the parent goes away (stdin closes).
 */
export function answerLines(options: {
  answer: (command: string, arg: string | undefined) => Promise<void>;
  onClose: () => void;
  /** While true, lines are ignored (the child is shutting down). */
  closing?: () => boolean;
}): void {
  let chain = Promise.resolve();
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      if (options.closing?.()) return;
      const [command = '', arg] = line.trim().split(/\s+/);
      chain = chain
        .then(() => options.answer(command, arg))
        .catch((error: unknown) => reply({ error: String(error) }));
    })
    .on('close', options.onClose);
}
