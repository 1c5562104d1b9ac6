import type { DestinationStream } from 'pino';
import { secretValues } from '../config/secret-values.js';
import type { Settings } from '../config/settings.js';
import { createSecretRedactor } from '../integrations/secrets/index.js';
import { createLogger, type Logger } from '../monitoring/logger.js';

/**
 * The app's logger: every line it writes has the process's own secrets (and anything shaped like a GitHub or
 * Anthropic token) replaced with `[redacted]`, wherever in the line they appear.
 */
export function createAppLogger(settings: Settings, name?: string, destination?: DestinationStream): Logger {
  return createLogger(settings.LOG_LEVEL, name, destination, {
    redactLine: createSecretRedactor(secretValues(settings)),
  });
}
