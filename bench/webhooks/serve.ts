/**
 * The server under test, in its own process so the load generator does not share its event loop:
 * `tsx bench/webhooks/serve.ts <bare|embedded|postgres+redis>`. Prints `{"ready":…}` when it accepts
 * deliveries, answers `stats` and `issues <n>` lines on stdin with one JSON line each, exits on SIGTERM.
 * The `postgres+redis` variant reads BENCH_DATABASE_URL and BENCH_REDIS_URL.
 */
import { createInterface } from 'node:readline';
import { startAppServer } from './serve-app.js';
import { startBareServer } from './serve-bare.js';
import type { RunningServer } from './serve-types.js';
import { isVariant, type ServeReply } from './types.js';

function reply(message: ServeReply): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function start(): Promise<RunningServer> {
  const variant = process.argv[2];
  if (!isVariant(variant)) throw new Error(`unknown variant ${variant ?? '(none)'}`);
  if (variant === 'bare') return startBareServer();
  if (variant === 'embedded') return startAppServer({});
  const databaseUrl = process.env['BENCH_DATABASE_URL'];
  const redisUrl = process.env['BENCH_REDIS_URL'];
  if (!databaseUrl || !redisUrl) throw new Error('postgres+redis needs BENCH_DATABASE_URL and BENCH_REDIS_URL');
  return startAppServer({ databaseUrl, redisUrl });
}

async function answer(server: RunningServer, line: string): Promise<void> {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === 'stats') return reply({ stats: await server.stats() });
  if (command === 'issues') return reply({ issues: await server.ensureIssues(Number(arg)) });
  reply({ error: `unknown command ${line}` });
}

const server = await start();
let closing = false;
function shutdown(): void {
  if (closing) return;
  closing = true;
  void server.close().then(
    () => process.exit(0),
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
    chain = chain.then(() => answer(server, line)).catch((error: unknown) => reply({ error: String(error) }));
  })
  // The parent went away: do not linger.
  .on('close', shutdown);
reply({ ready: server.ready });
