import { createLogger, type Logger } from '../../src/monitoring/logger.js';

/** Silent unless TEST_LOG_LEVEL is set (e.g. `TEST_LOG_LEVEL=debug npx vitest run test/integration/queue`). */
export function testLogger(): Logger {
  return createLogger(process.env.TEST_LOG_LEVEL || 'silent', 'test');
}
