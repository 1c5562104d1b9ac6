/** A user cancelled the run; the node stops at its boundary and nothing else is done. */
export class RunCancelledError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} was cancelled`);
    this.name = 'RunCancelledError';
  }
}

/** The run cannot go on for a reason the user can fix (shown in the status comment). Not retried. */
export class RunFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailedError';
  }
}
