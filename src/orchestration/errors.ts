/** A user cancelled the run; the node stops at its boundary and nothing else is done. */
export class RunCancelledError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} was cancelled`);
    this.name = 'RunCancelledError';
  }
}

/**
 * The run cannot go on for a reason the user can fix. Not retried. `message` is shown in the status comment,
 * so it is a plain sentence; `detail` (what a parser said, what arrived) goes to the run's events only.
 */
export class RunFailedError extends Error {
  readonly detail: string | undefined;

  constructor(message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'RunFailedError';
    this.detail = options.detail;
  }
}
