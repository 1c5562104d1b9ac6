import type { TestProject } from 'vitest/node';
import { preparePgliteTemplate } from './support/pglite-template.js';
import { probeServices, type ServiceProbe } from './support/services.js';

/**
 * Probes PostgreSQL and Redis once for the whole run and hands the answer to the tests
 * (`inject('services')`). Suites that need a missing service are skipped and named here, loudly;
 * with CI=true or PIPELINE_REQUIRE_SERVICES=1 a missing service fails the run instead.
 * Also prepares (once, cached) the PGlite data directory the embedded backend copies.
 */
export default async function setup(project: TestProject): Promise<void> {
  const [services, pgliteTemplate] = await Promise.all([probeServices(process.env), preparePgliteTemplate()]);
  const missing = [services.postgres, services.redis].filter((s) => !s.available);
  if (missing.length > 0 && services.required) {
    throw new Error(
      `Test services are required (CI=true or PIPELINE_REQUIRE_SERVICES=1) but unreachable:\n` +
        missing.map((s) => `  - ${s.reason}`).join('\n') +
        `\nStart them, or point TEST_DATABASE_URL / TEST_REDIS_URL at running ones.`,
    );
  }
  if (missing.length > 0) printSkipBanner(services);
  project.provide('services', services);
  project.provide('pgliteTemplate', pgliteTemplate);
}

function printSkipBanner(services: ServiceProbe): void {
  const reasons = [services.postgres, services.redis].filter((s) => !s.available).map((s) => s.reason ?? '');
  const lines = [
    'SKIPPING the "postgres+redis" variant of the storage and queue suites:',
    ...reasons.map((r) => `  - ${r}`),
    'Only the "embedded" variant (PGlite + in-process queue) runs. Set PIPELINE_REQUIRE_SERVICES=1 to fail instead.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width);
  console.warn(['', bar, ...lines.map((l) => `! ${l.padEnd(width - 4)} !`), bar, ''].join('\n'));
}
