import { join } from 'node:path';
import { startChroma } from '../../src/codeindex/index.js';
import { createLogger } from '../../src/monitoring/logger.js';
import { freshServices } from '../../test/support/service-admin.js';

const ADMIN_URL = process.env['BENCH_POSTGRES_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/9';

/**
 * The shared services of a scaled-out deployment: a fresh PostgreSQL database, a Redis key prefix of its own
 * (nothing else in Redis is touched) and one Chroma server that every worker uses (CHROMA_URL), as in
 * production; without CHROMA_URL each worker process would start its own `chroma run` on the same data.
 */
export interface ExternalServices {
  env: Record<string, string>;
  release(): Promise<void>;
}

export async function prepareExternalServices(dataDir: string): Promise<ExternalServices> {
  const services = await freshServices({ postgresUrl: ADMIN_URL, redisUrl: REDIS_URL }, 'bench_pipeline');
  const chroma = await startChroma({ dataDir: join(dataDir, 'shared'), logger: createLogger('silent') });
  return {
    env: {
      DATABASE_URL: services.databaseUrl,
      REDIS_URL,
      PIPELINE_REDIS_PREFIX: services.prefix,
      CHROMA_URL: chroma.url,
    },
    async release() {
      await chroma.stop();
      await services.drop();
    },
  };
}
