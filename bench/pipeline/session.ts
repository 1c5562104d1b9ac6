import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp, type AppProcess } from './child.js';
import { commentTimes, type CommentTimes } from './comment-times.js';
import { runBurst, runSequential, type PhaseInput, type PhaseRaw } from './phase.js';
import { benchToken } from './script.js';
import { prepareExternalServices, type ExternalServices } from './services.js';
import { appEnv, MAINTAINER, REPO, startTwins, type Twins } from './twins.js';
import type { Backend, CallRecord, RunRecord } from './types.js';

export interface BenchPlan {
  /** Runs per phase. */
  runs: number;
  perRunTimeoutMs: number;
  /** See PhaseInput.phaseCapMs: keeps the benchmark bounded when runs are much slower than expected. */
  phaseCapMs: number;
}

/** What one backend produced: the phases, every run in its database, every timed HTTP call, the twin's log. */
export interface SessionRaw {
  backend: Backend;
  phases: PhaseRaw[];
  runs: RunRecord[];
  calls: CallRecord[];
  comments: CommentTimes[];
  /** GitHub requests the twin answered, by operation (all phases). */
  githubOperations: Record<string, number>;
  /** Processes that ran workers in the two-worker phase, and how. */
  twoWorkers: string;
}

type Issue = { token: number; issueNumber: number };

async function openIssues(twins: Twins, count: number): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (let token = 1; token <= count; token += 1) {
    const { number } = await twins.github.openIssue(REPO, {
      title: `${benchToken(token)} Add helper ${token}`,
      body: `Add \`helper${token}\` in src/.`,
      user: MAINTAINER,
    });
    issues.push({ token, issueNumber: number });
  }
  return issues;
}

function countOperations(twins: Twins): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of twins.github.requests) {
    const key = r.operationId ?? `${r.method} ${r.path}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The processes of one backend and how to (re)start them. */
class Processes {
  readonly all: AppProcess[] = [];
  readonly calls: CallRecord[] = [];
  app: AppProcess | undefined;

  constructor(
    private readonly twins: Twins,
    private readonly env: (concurrency: number) => Record<string, string>,
    private readonly backend: Backend,
  ) {}

  async startApp(concurrency: number): Promise<AppProcess> {
    const label = `${this.backend} app (concurrency ${concurrency})`;
    const app = await spawnApp({ mode: 'app', env: this.env(concurrency), label });
    this.all.push(app);
    this.app = app;
    this.twins.github.setWebhookTarget(app.url ?? '', this.twins.github.app.webhookSecret);
    return app;
  }

  async startWorker(): Promise<void> {
    this.all.push(await spawnApp({ mode: 'worker', env: this.env(1), label: `${this.backend} worker 2` }));
  }

  /** Keeps the timed calls of every process, then stops them all. */
  async stopAll(): Promise<void> {
    for (const p of this.all.splice(0)) {
      this.calls.push(...(await p.calls().catch(() => [])));
      await p.stop();
    }
  }
}

/**
 * One backend: sequential runs and a burst with one worker, then a burst with two workers (PostgreSQL+Redis:
 * a second worker process; embedded: the app restarted with WORKER_CONCURRENCY=2 on the same data).
 * A phase that hits its time cap ends the session (its runs would still be in flight in the next phase).
 */
export async function runSession(
  backend: Backend,
  plan: BenchPlan,
  log: (line: string) => void,
): Promise<SessionRaw> {
  const n = plan.runs;
  const twins = await startTwins(Array.from({ length: 3 * n }, (_, i) => i + 1));
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-pipeline-'));
  const services: ExternalServices | undefined =
    backend === 'postgres+redis' ? await prepareExternalServices(dataDir) : undefined;
  const env = (concurrency: number) =>
    appEnv(twins, { ...services?.env, PIPELINE_DATA_DIR: dataDir, WORKER_CONCURRENCY: String(concurrency) });
  const processes = new Processes(twins, env, backend);
  try {
    const issues = await openIssues(twins, 3 * n);
    let app = await processes.startApp(1);
    const phases: PhaseRaw[] = [];
    let twoWorkers = 'not run (an earlier phase hit its time cap)';
    let done = 0;
    // Bursts are as large as the sequential phase got within its cap (all N when runs are fast enough).
    let burstSize = n;
    const phase = async (name: string, run: (input: PhaseInput) => Promise<PhaseRaw>): Promise<boolean> => {
      log(`pipeline: ${backend}: ${name}…`);
      const size = phases.length === 0 ? n : burstSize;
      const slice = issues.slice(phases.length * n, phases.length * n + size);
      const input = {
        twins,
        app,
        issues: slice,
        doneBefore: done,
        perRunTimeoutMs: plan.perRunTimeoutMs,
        phaseCapMs: plan.phaseCapMs,
      };
      const result = await run(input);
      phases.push(result);
      done += result.triggers.length;
      if (phases.length === 1) burstSize = Math.max(1, result.triggers.length);
      if (result.capped)
        log(`pipeline: ${backend}: ${name} hit its time cap after ${result.triggers.length} runs`);
      if (result.timedOut) log(`pipeline: ${backend}: runs still in flight; later phases skipped`);
      return !result.timedOut;
    };
    const completed =
      (await phase(`${n} sequential runs`, runSequential)) &&
      (await phase('burst, 1 worker', (input) => runBurst(input, 1))) &&
      (await (async () => {
        if (services) {
          await processes.startWorker();
          twoWorkers =
            'two processes: the app (web + worker, WORKER_CONCURRENCY=1) and a worker process (WORKER_CONCURRENCY=1)';
        } else {
          await processes.stopAll();
          app = await processes.startApp(2);
          twoWorkers =
            'one process (embedded is single-process by design): the app restarted with WORKER_CONCURRENCY=2';
        }
        return phase('burst, 2 workers', (input) => runBurst(input, 2));
      })());
    if (!completed) log(`pipeline: ${backend}: incomplete`);
    const runs = await app.report();
    await processes.stopAll();
    await twins.github.settle();
    return {
      backend,
      phases,
      runs,
      calls: processes.calls,
      comments: commentTimes(
        twins,
        issues.map((i) => i.issueNumber),
      ),
      githubOperations: countOperations(twins),
      twoWorkers,
    };
  } finally {
    await processes.stopAll();
    await twins.close();
    await services?.release();
    await rm(dataDir, { recursive: true, force: true });
  }
}
