import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** Repository root (this file is test/e2e/support/app-process.ts). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type AppEntry = 'main' | 'worker';

/** One pino line from the child, parsed (`raw` keeps lines that were not JSON). */
export type LogLine = {
  msg?: string;
  level?: number;
  url?: string;
  runId?: string;
  node?: string;
  raw: string;
} & Record<string, unknown>;

export type AppProcessOptions = {
  entry: AppEntry;
  /** Settings as env names; merged over a minimal PATH/HOME environment, never the test's own env. */
  env: Record<string, string>;
  /** A short name for diagnostics (`web`, `worker-1`, …). */
  name: string;
};

const LISTENING = 'http server listening';

/**
 * The app as a real child process (`node --import tsx src/<entry>.ts`), so a test can SIGKILL it at any
 * point and start another one on the same database. Its pino lines are parsed and kept.
 */
export class AppProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  private readonly waiters = new Set<() => void>();
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        this.notify();
        resolve();
      });
    });
    if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => this.stderr.push(line));
  }

  static start(options: AppProcessOptions): AppProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/${options.entry}.ts`], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AppProcess(options.name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** Resolves with the first line that fits, already seen or still to come. */
  async waitForLine(what: string, fits: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(fits);
      if (found) return found;
      if (!this.alive)
        throw new Error(`${this.name} exited (code ${String(this.exitCode)}) before ${what}\n${this.tail()}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}\n${this.tail()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 500));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** The URL from the `http server listening` line (workers serve health checks on one too). */
  async url(timeoutMs = 30_000): Promise<string> {
    const line = await this.waitForLine(
      'the http server to listen',
      (l) => l.msg === LISTENING && typeof l.url === 'string',
      timeoutMs,
    );
    return String(line.url);
  }

  /** `kill -9`: no shutdown hook, no flush, the job left where it was. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful: running jobs finish), then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last lines of output, for error messages. */
  tail(count = 25): string {
    const out = this.lines.slice(-count).map((l) => l.raw);
    const err = this.stderr.slice(-10);
    return [
      `--- ${this.name} stdout (last ${out.length}) ---`,
      ...out,
      ...(err.length ? [`--- ${this.name} stderr ---`, ...err] : []),
    ].join('\n');
  }

  private onLine(raw: string): void {
    this.lines.push(parseLine(raw));
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      this.waiters.delete(waiter);
      waiter();
    }
  }
}

function parseLine(raw: string): LogLine {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return { ...(parsed as Record<string, unknown>), raw };
  } catch {
    // not JSON: kept as raw text
  }
  return { raw };
}
