import type { RepoConfig } from '../../../config/repo-config.js';
import {
  describeRefusals,
  listChanges,
  pathPolicyFor,
  pushBase,
  refusedChanges,
  type PathPolicy,
  type PathRefusal,
  type Workspace,
} from '../../../integrations/workspace/index.js';
import { RunFailedError } from '../../errors.js';
import type { NodeContext } from '../../node-context.js';
import type { RunStateType } from '../../state.js';
import { publishStatus } from '../../status-comment.js';

export interface ChangeReview {
  policy: PathPolicy;
  /** For the finish tool: the refusal the agent reads (so it can undo the change), or undefined. */
  atFinish(): Promise<string | undefined>;
  /** Right before the commit: a refused path fails the run, and nothing is committed or pushed. */
  beforeCommit(): Promise<void>;
}

/**
 * The path policy over everything the round changed in the workspace, whoever wrote it (the file tools, a
 * sandboxed command, a test run): checked when the agent calls finish, where a refusal goes back to the agent
 * and shows on the status comment, and again before the commit. `push` checks the commits once more.
 */
export async function reviewChanges(
  ctx: NodeContext,
  state: RunStateType,
  ws: Workspace,
  branch: string,
  config: RepoConfig,
): Promise<ChangeReview> {
  const policy = pathPolicyFor({ blockedPaths: config.blocked_paths, allowedPaths: config.allowed_paths });
  const since = await pushBase(ws, branch);
  const refusals = async (): Promise<PathRefusal[]> => {
    const refused = await refusedChanges(ws, await listChanges(ws, since, { staged: true }), policy);
    if (refused.length > 0) {
      await ctx.emit('path_refused', `refused changes to ${describeRefusals(refused)}`, {
        paths: refused.map(({ path, change, rule }) => ({ path, change, rule })),
      });
    }
    return refused;
  };
  return {
    policy,
    async atFinish() {
      const refused = await refusals();
      if (refused.length === 0) return undefined;
      const list = describeRefusals(refused);
      await publishStatus(
        ctx,
        state,
        'developing',
        `A change was refused and will not be committed: ${list}. The development agent was asked to undo it.`,
      );
      return (
        `These changes will not be committed: ${list}. Undo them: delete the files you added there and restore ` +
        'the ones you changed or deleted (for example `git show HEAD:<path> > <path>`), then call finish again.'
      );
    },
    async beforeCommit() {
      const refused = await refusals();
      if (refused.length === 0) return;
      throw new RunFailedError(
        `The change was not committed or pushed because it touches paths the pipeline may not write: ${describeRefusals(refused)}. ` +
          'Ask for the change without those files (and make any change to them yourself), then comment `/pipeline retry`.',
      );
    },
  };
}
