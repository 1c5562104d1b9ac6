/**
 * Profiles one variant's server under saturation: `tsx bench/webhooks/profile.ts <variant> [seconds]`.
 * Writes a `.cpuprofile` of the server process to BENCH_PROFILE_DIR (default: a temp dir) and prints
 * the top self-time functions, grouped by package.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from './child.js';
import { createDeliveryFactory } from './deliveries.js';
import { summarizeProfile } from './profile-summary.js';
import { runClosedLoop } from './saturation.js';
import { prepareExternalServices, servicesEnv } from './services.js';
import { isVariant, usesExternalServices } from './types.js';

const variant = process.argv[2];
const seconds = Number(process.argv[3] ?? 10);
if (!isVariant(variant)) throw new Error('usage: profile.ts <variant> [seconds]');
const dir = process.env['BENCH_PROFILE_DIR'] ?? (await mkdtemp(join(tmpdir(), 'bench-profile-')));
const services = usesExternalServices(variant)
  ? await prepareExternalServices({ redis: variant === 'postgres+redis' })
  : undefined;
const env = servicesEnv(services);
const server = await spawnServer(variant, { env, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
try {
  const deliveries = createDeliveryFactory(server.ready);
  await runClosedLoop(server.ready.url, deliveries, { phase: 'warm-up', amount: 300, connections: 8 });
  const result = await runClosedLoop(server.ready.url, deliveries, {
    phase: 'saturation',
    connections: 32,
    durationS: seconds,
  });
  console.log(
    `${variant}: ${result.deliveriesPerSec}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
} finally {
  await server.stop();
  await services?.release();
}
const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
for (const file of files) {
  console.log(`\n${join(dir, file)}`);
  console.log(
    summarizeProfile(
      JSON.parse(await readFile(join(dir, file), 'utf8')) as Parameters<typeof summarizeProfile>[0],
    ),
  );
}
