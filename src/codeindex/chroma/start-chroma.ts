import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChromaClient } from 'chromadb';
import type { Logger } from '../../monitoring/logger.js';
import { chromaCliPath } from './chroma-cli-path.js';
import { clientForUrl } from './client-for-url.js';
import { findFreePort } from './find-free-port.js';
import { waitForChroma } from './wait-for-chroma.js';

export interface StartChromaOptions {
  /** An existing server (CHROMA_URL). Without it `chroma run` is started as a child process. */
  url?: string;
  /** PIPELINE_DATA_DIR; the child's data goes to `<dataDir>/chroma`. */
  dataDir: string;
  logger: Logger;
  /** How long to wait for the heartbeat. */
  startTimeoutMs?: number;
}

export interface RunningChroma {
  url: string;
  client: ChromaClient;
  /** Stops the child process (no-op for an external server). Safe to call twice. */
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function spawnChroma(options: StartChromaOptions, path: string): Promise<RunningChroma> {
  const host = '127.0.0.1';
  const port = await findFreePort(host);
  const url = `http://${host}:${port}`;
  const child = spawn(
    process.execPath,
    [chromaCliPath(), 'run', '--path', path, '--host', host, '--port', String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (d: Buffer): void => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', (code, signal) => {
    process.removeListener('exit', killOnExit);
    options.logger.info({ code, signal, url }, 'chroma server exited');
  });
  const client = clientForUrl(url);
  try {
    await waitForChroma(client, {
      timeoutMs: options.startTimeoutMs ?? 30_000,
      shouldStop: () =>
        child.exitCode !== null
          ? `chroma run exited with code ${child.exitCode} before answering: ${output.trim().slice(-800)}`
          : undefined,
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  options.logger.info({ url, path, pid: child.pid }, 'chroma server started');
  return { url, client, stop: () => stopChild(child) };
}

/**
 * Connects to Chroma: the server at `url` when given, otherwise a `chroma run` child process with its
 * data under `<dataDir>/chroma` on a free local port, health-checked before this resolves.
 */
export async function startChroma(options: StartChromaOptions): Promise<RunningChroma> {
  if (options.url) {
    const client = clientForUrl(options.url);
    await waitForChroma(client, { timeoutMs: options.startTimeoutMs ?? 10_000 });
    options.logger.info({ url: options.url }, 'using external chroma server');
    return { url: options.url, client, stop: async () => undefined };
  }
  const path = join(options.dataDir, 'chroma');
  await mkdir(path, { recursive: true });
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await spawnChroma(options, path);
    } catch (error) {
      lastError = error;
      options.logger.warn({ err: error, attempt }, 'chroma server failed to start; retrying on another port');
    }
  }
  throw new Error(`Could not start Chroma with data in ${path}. Set CHROMA_URL to use a running server.`, {
    cause: lastError,
  });
}
