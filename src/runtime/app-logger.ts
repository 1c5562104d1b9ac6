import type { DestinationStream } from 'pino';
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

/** The settings' secret values, raw and as they appear inside a JSON string (a PEM's newlines become `\n`). */
function secretValues(settings: Settings): string[] {
  const values = [
    settings.PRIVATE_KEY,
    settings.WEBHOOK_SECRET,
    settings.ANTHROPIC_API_KEY,
    settings.VOYAGE_API_KEY,
    settings.OPENAI_API_KEY,
    settings.PIPELINE_STATUS_TOKEN,
    passwordOf(settings.DATABASE_URL),
    passwordOf(settings.REDIS_URL),
  ].filter((value): value is string => Boolean(value));
  return values.flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
