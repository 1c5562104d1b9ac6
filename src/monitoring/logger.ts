import { pino, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import type { ReportError } from './error-reporting.js';

export type { Logger };

export interface LoggerOptions {
  /**
   * Rewrites each finished line before it is written. The app passes a redactor of its own secret values
   * (`runtime/app-logger.ts`), so a secret is caught under any key, at any depth, and inside messages and
   * stack traces, not only where a key name gives it away.
   */
  redactLine?: (line: string) => string;
  /**
   * Told of every line at error level or above, with the line's `runId` and `deliveryId` (from its bindings or
   * its own fields) as tags: the app's error reporting (Sentry). Lines below error level cost nothing more.
   */
  reportError?: ReportError | undefined;
}

/** pino's error level. */
const ERROR_LEVEL = 50;
/** Fields of a log line that become tags of its error report. */
const TAGGED = { runId: 'run_id', deliveryId: 'delivery_id', node: 'node' } as const;

/**
 * A logger. Children carry `deliveryId` and `runId` so every line of a run can be found.
 *
 * The key-based redaction names whole paths only: a path starting with a wildcard (`*.token`) would make
 * pino re-parse every path over every binding and key of every line, garbage on the webhook's hot path
 * (figures: bench/README.md). Secret values are caught by `redactLine` instead.
 */
export function createLogger(
  level: string = 'info',
  name = 'pipeline',
  destination?: DestinationStream,
  { redactLine, reportError }: LoggerOptions = {},
): Logger {
  const hooks: PinoOptions['hooks'] = {
    ...(redactLine ? { streamWrite: redactLine } : {}),
    ...(reportError ? { logMethod: reportingLogMethod(reportError) } : {}),
  };
  const options = {
    name,
    level,
    redact: {
      paths: [
        'headers.authorization',
        'request.headers.authorization',
        'err.request.headers.authorization',
        'env',
      ],
      censor: '[redacted]',
    },
    hooks,
  };
  return destination ? pino(options, destination) : pino(options);
}

type LogMethodHook = NonNullable<NonNullable<PinoOptions['hooks']>['logMethod']>;

/** A pino `logMethod` hook that reports error lines, then logs them as usual. */
function reportingLogMethod(reportError: ReportError): LogMethodHook {
  return function (this: Logger, args, method, level) {
    if (level >= ERROR_LEVEL) {
      const [first, second] = args as unknown[];
      const fields = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
      const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
      const error = first instanceof Error ? first : fields.err;
      reportError({ error, message, tags: tagsOf({ ...this.bindings(), ...fields }) });
    }
    return method.apply(this, args);
  };
}

function tagsOf(fields: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [field, tag] of Object.entries(TAGGED)) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') tags[tag] = String(value);
  }
  return tags;
}
