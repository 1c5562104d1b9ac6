/**
 * The app under test in its own process: `node --import tsx bench/pipeline/app-child.ts <app|worker>`.
 * `app` = web server + worker (startApp, as `npm start`); `worker` = a worker only (as `npm run worker`).
 * Settings come as JSON in BENCH_PIPELINE_ENV. Prints `{"ready":…}`, then answers one JSON command per stdin
 * line with one JSON line (see types.ts). Exits on SIGTERM or when stdin closes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { loadSettings } from '../../src/config/settings.js';
import { createAppLogger } from '../../src/runtime/app-logger.js';
import { startApp, type RunningApp } from '../../src/runtime/start-app.js';
import { WEBHOOK_PATH } from '../../src/runtime/start-web.js';
import { countTerminalRuns, reportRuns } from './db-report.js';
import { installTimingFetch } from './timing-fetch.js';
import type { ChildCommand, ChildReply } from './types.js';

function reply(message: ChildReply): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const mode = process.argv[2];
if (mode !== 'app' && mode !== 'worker')
  throw new Error(`usage: app-child.ts <app|worker>, got ${mode ?? '(none)'}`);
const env = JSON.parse(process.env['BENCH_PIPELINE_ENV'] ?? '{}') as Record<string, string>;
const settings = loadSettings(env);
const calls = installTimingFetch(settings.ANTHROPIC_BASE_URL ?? '', settings.githubApiUrl);
const app: RunningApp = await startApp(settings, createAppLogger(settings), {
  web: mode === 'app',
  worker: true,
});

async function waitForTerminal(target: number, timeoutMs: number): Promise<ChildReply> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await countTerminalRuns(app.core.db.pool);
    if (done >= target) return { waited: done, timedOut: false };
    if (Date.now() > deadline) return { waited: done, timedOut: true };
    await sleep(20);
  }
}

async function answer(command: ChildCommand): Promise<ChildReply> {
  switch (command.cmd) {
    case 'wait':
      return waitForTerminal(command.terminal, command.timeoutMs);
    case 'report':
      return { report: await reportRuns(app.core.db.pool) };
    case 'calls':
      return { calls: calls.splice(0) };
    case 'usage': {
      const cpu = process.cpuUsage();
      return {
        usage: {
          cpuMs: (cpu.user + cpu.system) / 1000,
          rssMiB: Math.round(process.memoryUsage.rss() / 2 ** 20),
        },
      };
    }
  }
}

let closing = false;
function shutdown(): void {
  if (closing) return;
  closing = true;
  const grace = setTimeout(() => process.exit(0), 10_000);
  void app.close({ force: true }).then(
    () => {
      clearTimeout(grace);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.once('SIGTERM', shutdown);
let chain = Promise.resolve();
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (closing) return;
    chain = chain
      .then(async () => reply(await answer(JSON.parse(line) as ChildCommand)))
      .catch((error: unknown) => reply({ error: String(error) }));
  })
  .on('close', shutdown);
reply({
  ready: { url: mode === 'app' && app.web ? `${app.web.url}${WEBHOOK_PATH}` : null, pid: process.pid },
});
