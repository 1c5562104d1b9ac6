import { NodeClient, Scope, defaultStackParser, makeNodeTransport, type ErrorEvent } from '@sentry/node';

/** An error the app logged: the error itself when there is one, the log message, and tags to find it by. */
export interface ErrorReport {
  error: unknown;
  message: string;
  tags: Record<string, string>;
}

export type ReportError = (report: ErrorReport) => void;

export interface ErrorReportingOptions {
  /** Sentry DSN (`SENTRY_DSN`). */
  dsn: string;
  environment: string;
  /** Rewrites text so no secret is left in it: every event passes through it whole before it is sent. */
  scrub: (text: string) => string;
}

/** Clients still open, flushed at shutdown (see `flushErrorReports`). */
const openClients = new Set<NodeClient>();

/**
 * Sends errors to Sentry through a client of the app's own (no global hub, no automatic instrumentation: the
 * app reports what it logs at error level, see `createLogger`'s `reportError`). Every event is scrubbed whole
 * with the app's secret redactor before it leaves, whatever field a secret ended up in.
 */
export function createErrorReporter(options: ErrorReportingOptions): ReportError {
  const client = new NodeClient({
    dsn: options.dsn,
    environment: options.environment,
    transport: makeNodeTransport,
    stackParser: defaultStackParser,
    integrations: [],
    sendDefaultPii: false,
    beforeSend: (event) => scrubbed(event, options.scrub),
  });
  client.init();
  openClients.add(client);
  return ({ error, message, tags }) => {
    const scope = new Scope();
    scope.setClient(client);
    scope.setTags(tags);
    if (error === undefined) client.captureMessage(message, 'error', undefined, scope);
    else client.captureException(error, { data: { message } }, scope);
  };
}

/** Waits (at most `timeoutMs`) for the reports still being sent, and closes the clients. */
export async function flushErrorReports(timeoutMs = 2_000): Promise<void> {
  const clients = [...openClients];
  openClients.clear();
  await Promise.all(clients.map((client) => client.close(timeoutMs)));
}

function scrubbed(event: ErrorEvent, scrub: (text: string) => string): ErrorEvent {
  return JSON.parse(scrub(JSON.stringify(event))) as ErrorEvent;
}
