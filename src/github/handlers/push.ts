import type { Context } from 'probot';
import { CONFIG_PATH } from '../operations/load-repo-config.js';
import type { WebhookDeps } from '../webhook-deps.js';

/** A push to the default branch that touches `.github/pipeline.yml` drops the cached config. */
export function handlePush(deps: WebhookDeps) {
  return async (context: Context<'push'>): Promise<void> => {
    const { payload } = context;
    if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
    const touched = payload.commits.some((c) =>
      [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH),
    );
    if (touched) deps.configLoader.forget(context.repo());
  };
}
