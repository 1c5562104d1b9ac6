import type { Context } from 'probot';
import { requestIndex } from '../../storage/index.js';
import type { WebhookDeps } from '../webhook-deps.js';

/** A push to the default branch asks for the code index to catch up with it (workers take the request). */
export async function requestIndexForPush(deps: WebhookDeps, context: Context<'push'>): Promise<void> {
  const { payload } = context;
  if (payload.ref !== `refs/heads/${payload.repository.default_branch}` || payload.deleted) return;
  await requestIndex(deps.db.pool, {
    repoFullName: payload.repository.full_name,
    installationId: payload.installation?.id ?? 0,
    commit: payload.after,
  });
}

/** A new installation asks for every repository it covers to be indexed at its default branch. */
export function handleInstallationCreated(deps: WebhookDeps) {
  return async (context: Context<'installation.created'>): Promise<void> => {
    const { payload } = context;
    for (const repo of payload.repositories ?? []) {
      await requestIndex(deps.db.pool, {
        repoFullName: repo.full_name,
        installationId: payload.installation.id,
        commit: 'HEAD',
      });
    }
  };
}
