import type { Context } from 'probot';
import { CONFIG_PATH } from '../operations/load-repo-config.js';
import type { WebhookDeps } from '../webhook-deps.js';
import { requestIndexForPush } from './request-indexing.js';

/** A push to the default branch drops a cached config it changed and asks for the code index to catch up. */
export function handlePush(deps: WebhookDeps) {
  return async (context: Context<'push'>): Promise<void> => {
    const { payload } = context;
    if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
    const touched = payload.commits.some((c) =>
      [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH),
    );
    if (touched) deps.configLoader.forget(context.repo());
    await requestIndexForPush(deps, context);
  };
}
