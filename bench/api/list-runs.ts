/**
 * `GET /api/v1/runs` with RUN_COUNT runs in the table, closed-loop with autocannon, against the bare server's
 * `GET /runs` (the same newest page straight from PostgreSQL, no framework, auth or validation). Queries run
 * in turn, app and bare alternating.
 */
import autocannon from 'autocannon';
import type { Pool } from 'pg';
import { summarize, type LatencySummary } from '../webhooks/latency.js';

export const RUN_COUNT = 100_000;
export const REPOS = 50;
const CONNECTIONS = 10;
const DURATION_S = 8;

/**
 * RUN_COUNT ended runs over REPOS repositories and 100 days, one every 86.4 s, and one run in 5,000 of a small
 * repository (20 runs, spread over the 100 days). One statement: the seeding is not what is measured.
 */
export async function seedRuns(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO runs (repo_full_name, installation_id, issue_number, issue_title, "trigger", sender, status,
                       created_at, updated_at, status_changed_at)
     SELECT CASE WHEN i % 5000 = 0 THEN 'bench-org/small' ELSE 'bench-org/repo-' || (i % $2) END, 1, 1000000 + i, 'Benchmark issue ' || i, 'label', 'bench',
            (ARRAY['succeeded', 'failed', 'cancelled'])[1 + i % 3],
            now() - make_interval(secs => i * 86.4), now() - make_interval(secs => i * 86.4),
            now() - make_interval(secs => i * 86.4)
     FROM generate_series(1, $1) AS i`,
    [RUN_COUNT, REPOS],
  );
  await pool.query('ANALYZE runs');
}

export interface ListQuery {
  name: string;
  /** Path and query on the app. */
  app: string;
}

/** The queries a dashboard and API clients make: the newest page, one repo's failures, a small repo, a deep page. */
export async function listQueries(pool: Pool): Promise<ListQuery[]> {
  const deep = await pool.query<{ id: string }>(
    'SELECT id FROM runs ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1',
    [Math.floor(RUN_COUNT / 2)],
  );
  const cursor = deep.rows[0]?.id;
  if (!cursor) throw new Error('seeded runs are missing');
  return [
    { name: 'newest 50', app: '/api/v1/runs?limit=50' },
    { name: "one repo's failures, 50", app: '/api/v1/runs?repo=bench-org/repo-7&status=failed&limit=50' },
    { name: 'a small repo (20 runs)', app: '/api/v1/runs?repo=bench-org/small&limit=50' },
    { name: 'page 1,001 (cursor)', app: `/api/v1/runs?limit=50&cursor=${cursor}` },
  ];
}

export interface ClosedLoopLatency {
  requestsPerSec: number;
  non2xx: number;
  latency: LatencySummary;
}

export async function closedLoop(url: string): Promise<ClosedLoopLatency> {
  const latencies: number[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, pipelining: 1, duration: DURATION_S, timeout: 10 },
      (error, res) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSec: Math.round(result['2xx'] / seconds),
    non2xx: result.non2xx + result.errors,
    latency: summarize(latencies),
  };
}
