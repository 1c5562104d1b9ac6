import { createLogger } from '../../../src/monitoring/logger.js';
import { RUN_ENDED_LOG } from '../../../src/orchestration/execute-run.js';
import { listRuns, listSteps, openDatabase, type Database, type Run } from '../../../src/storage/index.js';
import { REPO, type CrashWorld } from './crash-world.js';

/** How a run ended, read from the database once its processes let go of it. */
export type RunOutcome = {
  run: Run | undefined;
  steps: string[];
  endedBy: 'status comment' | 'timeout' | 'no live process';
};

/** First lines of the status comment that mean the run stopped. */
const TERMINAL_PHASES = ['### ✅', '### ❌', '### 🛑', '### ❓', '### 💬'];
const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'waiting_input']);

/**
 * Waits until the run's status comment shows an end (or the time is up, or no process is left), then reads
 * the run and its steps: embedded, after stopping the app gracefully (the job finishes, PGlite is free);
 * postgres+redis, straight from the database once the run row is finished.
 */
export async function waitForOutcome(
  world: CrashWorld,
  issueNumber: number,
  timeoutMs: number,
  isFinal: (body: string) => boolean = (body) => TERMINAL_PHASES.some((phase) => body.includes(phase)),
): Promise<RunOutcome> {
  const endedBy = await waitForEnd(world, issueNumber, timeoutMs, isFinal);
  if (world.backend === 'embedded') {
    // The comment can read final before the run does (a kill between the two): the restarted worker must get to
    // end the run before it is stopped, or the graceful stop hands its job back and the run reads `running`.
    if (endedBy === 'status comment') await waitForRunEndedLine(world, timeoutMs);
    await Promise.all(world.processes.map((p) => p.stop(endedBy === 'status comment' ? 15_000 : 3_000)));
    return { ...(await readRun(world.dataDir, undefined, issueNumber, false)), endedBy };
  }
  const url = world.services?.databaseUrl;
  return { ...(await readRun(world.dataDir, url, issueNumber, endedBy === 'status comment')), endedBy };
}

/** Until a live process logs that it ended the run; the database check then says whether it really did. */
async function waitForRunEndedLine(world: CrashWorld, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const live = world.processes.filter((p) => p.alive);
    if (live.length === 0 || live.some((p) => p.lines.some((l) => l.msg === RUN_ENDED_LOG))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForEnd(
  world: CrashWorld,
  issueNumber: number,
  timeoutMs: number,
  isFinal: (body: string) => boolean,
): Promise<RunOutcome['endedBy']> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bot = world.github.comments(REPO, issueNumber).filter((c) => c.user === world.github.app.botLogin);
    if (bot.some((c) => isFinal(c.body))) return 'status comment';
    if (!world.processes.some((p) => p.alive && !p.name.startsWith('web'))) return 'no live process';
    if (Date.now() > deadline) return 'timeout';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readRun(
  dataDir: string,
  url: string | undefined,
  issueNumber: number,
  waitFinished: boolean,
): Promise<Omit<RunOutcome, 'endedBy'>> {
  const db: Database = await openDatabase({
    url,
    dataDir,
    migrate: false,
    logger: createLogger('silent', 'crash-test'),
  });
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const run = (await listRuns(db.pool, { repo: REPO, limit: 50 })).find(
        (r) => r.issueNumber === issueNumber,
      );
      if (!waitFinished || (run && FINISHED.has(run.status)) || Date.now() > deadline) {
        const steps = run ? (await listSteps(db.pool, run.id)).map((s) => `${s.node}:${s.status}`) : [];
        return { run, steps };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.close();
  }
}
