/**
 * Errors the Claude client and agent loops raise. `retryable` tells a job runner whether running
 * the same job again later can succeed.
 */
export class BudgetExceededError extends Error {
  readonly retryable = false;

  constructor(
    readonly spentUsd: number,
    readonly limitUsd: number,
  ) {
    super(
      `The run has spent $${spentUsd.toFixed(4)} of its $${limitUsd.toFixed(2)} budget. ` +
        'Raise `max_cost_usd` in .github/pipeline.yml to let it continue.',
    );
    this.name = 'BudgetExceededError';
  }
}

/** The model stayed overloaded or failing (429, 529, 5xx, network) after the client's retries. */
export class ModelUnavailableError extends Error {
  readonly retryable = true;

  constructor(
    readonly model: string,
    readonly status: number | undefined,
    options: { cause: unknown; attempts: number },
  ) {
    super(
      `Claude model ${model} is unavailable (${status === undefined ? 'connection failed' : `HTTP ${status}`}) ` +
        `after ${options.attempts} attempt(s); try again later.`,
      { cause: options.cause },
    );
    this.name = 'ModelUnavailableError';
  }
}

/**
 * Claude's API answered, but not with a message: a proxy's or gateway's HTML page, a cut-off or empty body.
 * Trying the same request again rarely helps (the base URL or whatever stands in front of the API is wrong);
 * `detail` says what arrived, for the run's events and the log, never for a comment.
 */
export class ModelResponseError extends Error {
  readonly retryable = false;

  constructor(
    readonly model: string,
    readonly detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`The answer of Claude's API for model ${model} could not be read: ${detail}`, options);
    this.name = 'ModelResponseError';
  }
}
