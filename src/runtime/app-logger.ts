import type { DestinationStream } from 'pino';
import { secretValues } from '../config/secret-values.js';
import type { Settings } from '../config/settings.js';
import { createSecretRedactor } from '../integrations/secrets/index.js';
import { createErrorReporter } from '../monitoring/error-reporting.js';
import { createLogger, type Logger } from '../monitoring/logger.js';

/**
 * The app's logger: every line it writes has the process's own secrets (and anything shaped like a GitHub or
 * Anthropic token) replaced with `[redacted]`, wherever in the line they appear. With SENTRY_DSN, lines at error
 * level are also reported to Sentry, scrubbed by the same redactor.
 */
export function createAppLogger(settings: Settings, name?: string, destination?: DestinationStream): Logger {
  const redact = createSecretRedactor(secretValues(settings));
  return createLogger(settings.LOG_LEVEL, name, destination, {
    redactLine: redact,
    reportError: settings.SENTRY_DSN
      ? createErrorReporter({ dsn: settings.SENTRY_DSN, environment: settings.NODE_ENV, scrub: redact })
      : undefined,
  });
}
