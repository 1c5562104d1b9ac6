import {
  BudgetExceededError,
  ModelResponseError,
  ModelUnavailableError,
} from '../integrations/anthropic/index.js';
import { SandboxUnavailableError } from '../integrations/sandbox/index.js';
import { OutboundSecretError } from '../integrations/secrets/index.js';
import { RunFailedError } from './errors.js';

/** How a failed run is told: a plain sentence for the status comment, and the technical detail for its events. */
export type FailureReport = { message: string; detail: Record<string, unknown> };

const MAX_DETAIL_CHARS = 2_000;
const STACK_LINES = 8;

/**
 * Says what went wrong in words a maintainer can act on. Raw error text (a parser's `Unexpected token '<'`,
 * a zod issue list, an HTTP body, a stack) never reaches the sentence: anything not known to be plain is
 * reported as an unexpected error in the step, and its text goes to `detail`.
 */
export function describeFailure(error: unknown, step: string | null): FailureReport {
  return { message: sentenceFor(error, step), detail: detailOf(error) };
}

function sentenceFor(error: unknown, step: string | null): string {
  // These say what happened and what to do, and never carry raw error text.
  if (
    error instanceof RunFailedError ||
    error instanceof SandboxUnavailableError ||
    error instanceof OutboundSecretError
  )
    return error.message;
  if (error instanceof BudgetExceededError)
    return `The run stopped because it reached its budget: ${error.message}`;
  if (error instanceof ModelUnavailableError)
    return `Claude was unavailable after several retries (${error.message}).`;
  if (error instanceof ModelResponseError)
    return (
      "The run stopped because the answer from Claude's API could not be read: something other than the API " +
      "answered (often a proxy or gateway in front of it). The details are in the run's events."
    );
  const where = step ? ` in the \`${step}\` step` : '';
  return `The run stopped because of an unexpected error${where}. The details are in the run's events.`;
}

function detailOf(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error).slice(0, MAX_DETAIL_CHARS) };
  const extra =
    error instanceof RunFailedError || error instanceof ModelResponseError ? error.detail : undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  return {
    name: error.name,
    error: error.message.slice(0, MAX_DETAIL_CHARS),
    ...(extra ? { detail: extra.slice(0, MAX_DETAIL_CHARS) } : {}),
    ...(code ? { code } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(error.stack
      ? {
          stack: error.stack
            .split('\n')
            .slice(1, STACK_LINES + 1)
            .join('\n'),
        }
      : {}),
  };
}
