import type { SmartHttpDeps } from '../../git/smart-http.js';
import type { TwinCore } from '../core.js';
import { tokenAllows, tokenReaches } from '../auth/token-access.js';
import { applyRefUpdates } from '../domain/push.js';
import type { WebhookSend } from '../webhooks/types.js';

/**
 * Connects the git remote to the twin: tokens decide access (an installation token reaches the repositories
 * it names, or else all of its installation's; `contents: read` clones, `contents: write` pushes), and a push
 * becomes `push` and `pull_request.synchronize` webhooks, sent by the app's bot.
 */
export function gitDeps(core: TwinCore): SmartHttpDeps {
  return {
    projectRoot: core.gitRoot,
    gitDirFor(owner, repo) {
      return core.ctx.state.findRepo(owner, repo)?.gitDir ?? null;
    },
    authorize(token, owner, repo) {
      const issued = core.tokens.lookup(token);
      if (!issued) return 'unknown';
      const record = core.ctx.state.findRepo(owner, repo);
      if (!record) return 'read';
      const caller = { kind: 'installation', installationId: issued.installationId, token: issued } as const;
      if (!tokenReaches(caller, record) || !tokenAllows(caller, [['contents', 'read']])) return 'hidden';
      return tokenAllows(caller, [['contents', 'write']]) ? 'write' : 'read';
    },
    async onPush(owner, repo, updates) {
      const record = core.ctx.state.findRepo(owner, repo);
      if (!record) return;
      const webhooks: WebhookSend[] = [];
      await applyRefUpdates(core.ctx, record, updates, core.ctx.app.botUser, (w) => webhooks.push(w));
      core.dispatcher.enqueue(webhooks);
    },
  };
}
