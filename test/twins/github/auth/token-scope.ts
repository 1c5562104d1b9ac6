import { z } from 'zod';
import { TwinHttpError } from '../domain/errors.js';
import type { InstallationRecord, TwinState } from '../state.js';
import { APP_PERMISSIONS, narrowPermissions } from './app-permissions.js';
import type { TokenScope } from './installation-tokens.js';

/** The body of `POST /app/installations/{installation_id}/access_tokens`: how to narrow the token. */
export const tokenRequestSchema = z
  .object({
    repositories: z.array(z.string()).optional(),
    repository_ids: z.array(z.number().int()).optional(),
    permissions: z.record(z.string(), z.string()).optional(),
  })
  .optional();
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

const NOT_ACCESSIBLE =
  'There is at least one repository that does not exist or is not accessible to the parent installation.';

/**
 * What a token asked for this way may reach, as GitHub decides it: named repositories must belong to the
 * installation and permissions must not exceed the app's (both 422 otherwise); what is not named is not narrowed.
 */
export function tokenScopeFor(
  state: TwinState,
  installation: InstallationRecord,
  request: TokenRequest,
): TokenScope {
  const own = [...state.repos.values()].filter((r) => r.installationId === installation.id);
  let repositoryIds: number[] | null = null;
  if (request?.repositories || request?.repository_ids) {
    const byName = (request.repositories ?? []).map(
      (name) => own.find((r) => r.name.toLowerCase() === name.toLowerCase())?.id,
    );
    const byId = (request.repository_ids ?? []).map((id) => own.find((r) => r.id === id)?.id);
    const ids = [...byName, ...byId];
    if (ids.some((id) => id === undefined)) throw new TwinHttpError(422, NOT_ACCESSIBLE);
    repositoryIds = ids.filter((id): id is number => id !== undefined);
  }
  const permissions = request?.permissions ? narrowPermissions(request.permissions) : { ...APP_PERMISSIONS };
  if (!permissions)
    throw new TwinHttpError(422, 'The permissions requested are not granted to this installation.');
  return { repositoryIds, permissions };
}
