/**
 * `npm run soak`: the crash-recovery soak. Each trial starts the app as child processes, SIGKILLs the worker
 * running a run at one kill point (an LLM call in flight, a push sent or applied but unanswered, a PR or
 * check run created but its id unknown, the tests running, a deploy workflow dispatched or followed, …), lets
 * recovery happen and checks that the run still ended with one status comment, one branch, one PR and one check
 * run per head SHA (a deploy run: one dispatch, one deployment whose statuses went queued → in_progress → success).
 * Prints a table, writes `bench/results/soak.json`, exits 1 unless ≥ 20 runs were killed and all ended consistent.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runKillTrial, type TrialResult } from '../test/e2e/support/crash-trial.js';
import { probeServices } from '../test/support/services.js';
import { parseSoakArgs, planTrials } from './soak/plan.js';
import { soakSummary, soakTable } from './soak/report.js';

const MIN_TRIALS = 20;
const RESULTS_FILE = fileURLToPath(new URL('./results/soak.json', import.meta.url));
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const options = parseSoakArgs(process.argv.slice(2));
const probe = await probeServices(process.env);
const servicesAvailable = probe.postgres.available && probe.redis.available;
if (!servicesAvailable)
  log(
    `WARNING: PostgreSQL/Redis unavailable (${[probe.postgres.reason, probe.redis.reason].filter(Boolean).join('; ')}): embedded trials only`,
  );
const services = servicesAvailable
  ? { postgresUrl: probe.postgres.url, redisUrl: probe.redis.url }
  : undefined;

const trials = planTrials(options, servicesAvailable);
const started = Date.now();
const results: TrialResult[] = [];
for (const [index, trial] of trials.entries()) {
  if (Date.now() - started > options.budgetMs) break;
  log(`[${index + 1}/${trials.length}] ${trial.backend}: ${trial.point.name} …`);
  const result = await runKillTrial(trial.point, trial.backend, { services });
  results.push(result);
  log(
    `  ${result.consistent ? '✓ consistent' : `✗ ${result.problems.join('; ')}`} (${(result.durationMs / 1000).toFixed(1)} s; steps ${result.steps.join(' → ')})`,
  );
  if (!result.consistent && result.logs) log(result.logs);
}

const seconds = Math.round((Date.now() - started) / 100) / 10;
const summary = soakSummary(results, trials.length);
await mkdir(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
const machine = {
  cpus: cpus().length,
  node: process.version,
  os: `${platform()} ${release()}`,
  date: new Date().toISOString(),
};
const trialsOut = results.map(({ logs: _logs, ...rest }) => rest);
await writeFile(
  RESULTS_FILE,
  `${JSON.stringify({ benchmark: 'soak', machine, seconds, options, summary, trials: trialsOut }, null, 2)}\n`,
);
process.stdout.write(
  `\n## crash-recovery soak (${seconds} s)\n\n${soakTable(results)}\n\n${summary}\n\nRaw results: ${RESULTS_FILE}\n`,
);
const ok = results.length >= Math.min(MIN_TRIALS, trials.length) && results.every((r) => r.consistent);
process.exit(ok ? 0 : 1);
