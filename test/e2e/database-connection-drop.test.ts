import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { findLatestRun, listEvents, listSteps, type Run } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';

/** The agent's bookkeeping after a model turn (its usage, its events), waiting on a lock the test holds. */
const WAITING_BOOKKEEPING = `
  SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
    AND (query ILIKE '%input_tokens = input_tokens +%' OR query ILIKE 'INSERT INTO events%')`;

/** What an operator's `pg_terminate_backend` or a failover does to every connection of the app. */
const TERMINATE_OTHERS = `
  SELECT pg_terminate_backend(pid) FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid()`;

async function runEnded(db: pg.Client, issueNumber: number): Promise<Run> {
  let run: Run | null = null;
  await waitFor(
    'the run to end',
    async () => {
      run = await findLatestRun(db, REPO, issueNumber);
      return run?.status === 'succeeded' || run?.status === 'failed';
    },
    90_000,
  );
  if (!run) throw new Error(`no run on #${issueNumber}`);
  return run;
}

describe('PostgreSQL dropping its connections mid-run', () => {
  let h: Harness | undefined;
  let admin: pg.Client | undefined;
  afterEach(async () => {
    await admin?.end().catch(() => undefined);
    admin = undefined;
    await h?.close();
    h = undefined;
  });

  it('is retried from the last checkpoint, and the run still succeeds', async () => {
    h = await startHarness({
      backend: 'postgres+redis',
      script: {
        conversations: [
          intake('feature'),
          plan(['Add src/mul.js']),
          develop(
            'Add mul',
            [call('write_file', { path: 'src/mul.js', content: 'export const mul = (a, b) => a * b;\n' })],
            'Add src/mul.js',
          ),
        ],
      },
    });
    admin = new pg.Client({ connectionString: h.settings.DATABASE_URL });
    await admin.connect();
    const planning = h.anthropic.hold({ systemIncludes: 'planning agent' });
    const issue = await h.github.openIssue(REPO, { title: 'Add a multiply helper', user: MAINTAINER });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });

    // While the planning agent is in its turn, the runs table is locked, so the turn's bookkeeping (its
    // usage, its events) is still in flight on its connection when every connection of the app is terminated.
    await planning.arrived;
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE runs IN ACCESS EXCLUSIVE MODE');
    planning.release();
    await waitFor(
      "the agent's bookkeeping to wait on the lock",
      async () => ((await admin?.query<{ n: number }>(WAITING_BOOKKEEPING))?.rows[0]?.n ?? 0) > 0,
    );
    const { rowCount } = await admin.query(TERMINATE_OTHERS);
    expect(rowCount).toBeGreaterThan(0);
    await admin.query('ROLLBACK');

    // Read with the test's own connection: the app's pool may still hold connections that died with the rest.
    const db = admin;
    const run = await runEnded(db, issue.number);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const steps = await listSteps(db, run.id);
    expect(steps.map((s) => `${s.node}:${s.status}`)).toEqual([
      'intake:succeeded',
      'plan:failed',
      'plan:succeeded',
      'develop:succeeded',
      'test:succeeded',
      'finalize:succeeded',
    ]);
    const events = await listEvents(db, run.id);
    expect(events.map((e) => e.type)).not.toContain('run_failed');
    const status = h.github.comments(REPO, issue.number).find((c) => c.user === h?.github.app.botLogin);
    expect(status?.body).toContain('Pull request ready for review');
  }, 120_000);
});
