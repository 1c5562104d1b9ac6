import type { DeployConfig } from '../../config/deploy-config.js';
import type { RepoConfig } from '../../config/repo-config.js';
import { writeAudit } from '../audit.js';
import { createRun } from '../create-run.js';
import { appendEvent } from '../events.js';
import type { Queryable, Run } from '../types.js';
import { insertDeployRequest, type DeployPurpose } from './deploy-requests.js';

export type NewDeployRun = {
  repoFullName: string;
  installationId: number;
  /** The issue whose run opened the PR, or the PR itself when the pipeline did not. */
  issueNumber: number;
  issueTitle: string;
  sender: string;
  deliveryId: string | null;
  sha: string;
  prNumber: number | null;
  issueRunId: string | null;
  purpose: DeployPurpose;
  config: RepoConfig;
  deploy: DeployConfig;
  /** The steering command behind a redeploy or rollback (`deploy`, `rollback`); a merge has none. */
  command?: string;
};

export type RecordDeployRunResult = { kind: 'queued'; run: Run } | { kind: 'busy'; activeRun: Run };

/**
 * Records a deploy run (`db` should be a transaction): the run, queued, on its issue; what it deploys; the audit
 * row and the first event of its timeline. An issue with another active run gets no deploy run (`busy`).
 */
export async function recordDeployRun(db: Queryable, input: NewDeployRun): Promise<RecordDeployRunResult> {
  const created = await createRun(db, {
    repoFullName: input.repoFullName,
    installationId: input.installationId,
    issueNumber: input.issueNumber,
    issueTitle: input.issueTitle,
    trigger: input.purpose === 'merge' ? 'merge' : 'comment',
    command: input.command ?? 'deploy',
    sender: input.sender,
    deliveryId: input.deliveryId,
  });
  if (!created.created) return { kind: 'busy', activeRun: created.activeRun };
  const { run } = created;
  const request = await insertDeployRequest(db, {
    runId: run.id,
    repoFullName: input.repoFullName,
    sha: input.sha,
    prNumber: input.prNumber,
    issueRunId: input.issueRunId,
    purpose: input.purpose,
    config: input.config,
    deploy: input.deploy,
  });
  await writeAudit(db, {
    actor: input.sender,
    action: `deploy.queued`,
    repoFullName: input.repoFullName,
    issueNumber: input.issueNumber,
    runId: run.id,
    deliveryId: input.deliveryId,
    detail: { environment: request.environment, sha: input.sha, purpose: input.purpose, pr: input.prNumber },
  });
  await appendEvent(db, {
    runId: run.id,
    type: 'deploy_requested',
    message: `deploy of ${input.sha.slice(0, 7)} to ${request.environment} asked for (${input.purpose})`,
    data: {
      environment: request.environment,
      sha: input.sha,
      prNumber: input.prNumber,
      purpose: input.purpose,
      issueRunId: input.issueRunId,
    },
  });
  return { kind: 'queued', run };
}
