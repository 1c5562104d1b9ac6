import { repoRef, type GitHubClient } from '../github/client.js';
import type { TokenScope } from '../github/token-scope.js';
import { cloneWorkspace } from '../integrations/workspace/index.js';
import type { Logger } from '../monitoring/logger.js';
import { takeIndexRequests, type Database, type IndexRequest } from '../storage/index.js';
import type { CodeSearch } from './code-search.js';
import { STEP_PERMISSIONS } from './step-permissions.js';

export type IndexRefresherDeps = {
  db: Database;
  codeSearch: CodeSearch;
  github(installationId: number, scope: TokenScope): Promise<GitHubClient>;
  gitToken(installationId: number, scope: TokenScope): Promise<string>;
  workspaceRoot: string;
  logger: Logger;
};

const REQUESTS_PER_SWEEP = 5;

/**
 * Keeps code indexes warm between runs: takes the index requests webhooks recorded (installation, push to the
 * default branch), clones each repository at the requested commit, and indexes it incrementally. A failed
 * refresh is only logged — the planning step indexes a stale repository before it searches anyway.
 */
export function startIndexRefresher(deps: IndexRefresherDeps, options: { intervalMs: number }) {
  const log = deps.logger.child({ component: 'index-refresher' });
  let sweeping: Promise<void> | undefined;
  let stopped = false;

  async function refresh(request: IndexRequest): Promise<void> {
    const repoFullName = request.repoFullName;
    const octokit = await deps.github(request.installationId, {
      repoFullName,
      permissions: { metadata: 'read' },
    });
    const { data: repository } = await octokit.rest.repos.get(repoRef(request.repoFullName));
    const ws = await cloneWorkspace({
      remoteUrl: repository.clone_url,
      token: await deps.gitToken(request.installationId, {
        repoFullName,
        permissions: STEP_PERMISSIONS.clone,
      }),
      baseDir: deps.workspaceRoot,
      runId: `index-${request.repoFullName}`,
      ref: request.commit === 'HEAD' ? undefined : request.commit,
    });
    try {
      await deps.codeSearch.ensureIndexed(request.repoFullName, ws.dir, await ws.headSha());
      log.info({ repo: request.repoFullName, commit: request.commit }, 'code index refreshed');
    } finally {
      await ws.remove();
    }
  }

  async function sweep(): Promise<void> {
    const requests = await takeIndexRequests(deps.db.pool, REQUESTS_PER_SWEEP);
    for (const request of requests) {
      if (stopped) return;
      await refresh(request).catch((error: unknown) =>
        log.warn({ err: error, repo: request.repoFullName }, 'code index refresh failed'),
      );
    }
  }

  const tick = () => {
    if (sweeping || stopped) return;
    sweeping = sweep()
      .catch((error: unknown) => log.error({ err: error }, 'could not read index requests'))
      .finally(() => (sweeping = undefined));
  };
  const timer = setInterval(tick, options.intervalMs);
  tick();
  return {
    /** Stops taking requests and waits for the refresh in progress. */
    async close(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await sweeping;
    },
  };
}
