import { scrubToken } from './scrub-token.js';

/** What git says when the remote rejected (or asked again for) the credentials we sent. */
const AUTH_FAILURE =
  /could not read Username|Authentication failed|HTTP 401|HTTP 403|returned error: 40[13]/i;

/** A git operation on a workspace failed. The message never holds the access token. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';

  constructor(operation: string, cause: unknown, token?: string) {
    const detail = scrubToken((cause instanceof Error ? cause.message : String(cause)).trim(), token);
    const hint = AUTH_FAILURE.test(detail)
      ? ' — the remote refused the access token: check that it has not expired and grants contents access to this repository'
      : '';
    // git's own error text may echo credentials, so it is kept as `cause` only when no token was involved.
    super(`git ${operation} failed${hint}: ${detail}`, { cause: token ? undefined : cause });
  }
}

/** Runs `fn`, turning any failure into a `WorkspaceError` scrubbed of `token`. */
export async function withWorkspaceError<T>(
  operation: string,
  token: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new WorkspaceError(operation, error, token);
  }
}
