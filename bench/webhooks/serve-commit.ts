import pg from 'pg';
import { startBareServer } from './serve-bare.js';
import type { RunningServer } from './serve-types.js';

/**
 * The floor for any app that records a delivery before it answers: the bare Probot app, plus one durable
 * PostgreSQL commit per delivery (a prepared INSERT of the delivery id, awaited before Probot's middleware
 * runs). Whatever the pipeline adds beyond this variant is its own work; what this adds beyond `bare` is
 * the price of a commit on this machine.
 */
export async function startCommitServer(databaseUrl: string): Promise<RunningServer> {
  // Connections are kept, as the app's pool keeps them (see src/storage/create-pool.ts).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, min: 20 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_deliveries (delivery_id text PRIMARY KEY)');
  const record = (id: string) =>
    pool.query({
      name: 'record-delivery',
      text: 'INSERT INTO bench_deliveries (delivery_id) VALUES ($1) ON CONFLICT DO NOTHING',
      values: [id],
    });
  const bare = await startBareServer({
    before: (req) => record(String(req.headers['x-github-delivery'] ?? '')),
  });
  return {
    ...bare,
    async close() {
      await bare.close();
      await pool.end();
    },
  };
}
