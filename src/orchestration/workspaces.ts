import { existsSync } from 'node:fs';
import { checkoutBranch, cloneWorkspace, type Workspace } from '../integrations/workspace/index.js';
import type { NodeContext } from './node-context.js';
import type { RunStateType } from './state.js';
import { STEP_PERMISSIONS } from './step-permissions.js';

/**
 * Per-run clones, kept between the nodes of a run in this worker. After a crash or a move to another worker
 * the clone is made again from the pushed branch (or the default branch), which is why nodes never rely on
 * uncommitted files surviving a node boundary.
 */
export function createWorkspaces(root: string) {
  const open = new Map<string, Workspace>();
  return {
    root,
    async forRun(ctx: NodeContext, state: RunStateType): Promise<Workspace> {
      const existing = open.get(state.runId);
      if (existing && existsSync(existing.dir)) return existing;
      const ws = await cloneWorkspace({
        remoteUrl: state.cloneUrl,
        token: await ctx.deps.gitToken(state.installationId, {
          repoFullName: state.repoFullName,
          permissions: STEP_PERMISSIONS.clone,
        }),
        baseDir: root,
        runId: state.runId,
      });
      if (state.branch) await checkoutBranch(ws, state.branch, { fromRemoteIfExists: true });
      open.set(state.runId, ws);
      await ctx.emit('workspace', `cloned ${state.repoFullName}${state.branch ? ` at ${state.branch}` : ''}`);
      return ws;
    },
    async release(runId: string): Promise<void> {
      const ws = open.get(runId);
      open.delete(runId);
      await ws?.remove();
    },
  };
}

export type Workspaces = ReturnType<typeof createWorkspaces>;
