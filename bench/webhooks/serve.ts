/**
 * The server under test, in its own process so the load generator does not share its event loop:
 * `tsx bench/webhooks/serve.ts <variant>`. Prints `{"ready":…}` when it accepts
 * deliveries, answers `stats` and `issues <n>` lines on stdin with one JSON line each, exits on SIGTERM.
 * `bare+commit` reads BENCH_DATABASE_URL; `postgres+redis` also reads BENCH_REDIS_URL.
 */
import { performance } from 'node:perf_hooks';
import { startAppServer } from './serve-app.js';
import { startBareServer } from './serve-bare.js';
import { startCommitServer } from './serve-commit.js';
import type { RunningServer } from './serve-types.js';
import { answerLines, reply } from './line-protocol.js';
import { isVariant, type ProcessUsage, type ServeReply } from './types.js';

async function start(): Promise<RunningServer> {
  const variant = process.argv[2];
  if (!isVariant(variant)) throw new Error(`unknown variant ${variant ?? '(none)'}`);
  if (variant === 'bare') return startBareServer();
  if (variant === 'embedded') return startAppServer({});
  const databaseUrl = process.env['BENCH_DATABASE_URL'];
  if (!databaseUrl) throw new Error(`${variant} needs BENCH_DATABASE_URL`);
  if (variant === 'bare+commit') return startCommitServer(databaseUrl);
  const redisUrl = process.env['BENCH_REDIS_URL'];
  if (!redisUrl) throw new Error(`${variant} needs BENCH_REDIS_URL`);
  return startAppServer({ databaseUrl, redisUrl });
}

let lastElu = performance.eventLoopUtilization();
function usage(): ProcessUsage {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization(lastElu);
  lastElu = performance.eventLoopUtilization();
  return {
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    eventLoopUtilization: Math.round(elu.utilization * 1000) / 1000,
    rssMiB: Math.round(process.memoryUsage.rss() / 2 ** 20),
  };
}

async function answer(server: RunningServer, command: string, arg: string | undefined): Promise<void> {
  const send = (message: ServeReply) => reply(message);
  if (command === 'stats') return send({ stats: await server.stats() });
  if (command === 'usage') return send({ usage: usage() });
  if (command === 'issues') return send({ issues: await server.ensureIssues(Number(arg)) });
  send({ error: `unknown command ${command}` });
}

const server = await start();
let closing = false;
/** Closes gracefully, but exits after SHUTDOWN_GRACE_MS regardless (background work may still be queued). */
const SHUTDOWN_GRACE_MS = 5_000;
function shutdown(): void {
  if (closing) return;
  closing = true;
  const grace = setTimeout(() => {
    console.error(
      `serve.ts: not closed after ${SHUTDOWN_GRACE_MS} ms (background work still queued); exiting`,
    );
    process.exit(0);
  }, SHUTDOWN_GRACE_MS);
  void server.close().then(
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
answerLines({
  answer: (command, arg) => answer(server, command, arg),
  // The parent went away: do not linger.
  onClose: shutdown,
  closing: () => closing,
});
reply({ ready: server.ready } satisfies ServeReply);
