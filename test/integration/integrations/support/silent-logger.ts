import { createLogger, type Logger } from '../../../../src/monitoring/logger.js';

/** A real pino logger that writes nothing, for code that requires one. */
export function silentLogger(): Logger {
  return createLogger('silent');
}
