import type { TokenPermissions } from '../github/token-scope.js';

/**
 * The permissions each part of a run asks GitHub for, on the run's repository only (`metadata: read` comes
 * with any of them). Every step writes the run's status comment on the issue (`issues: write`); beyond that
 * a token can do only what its step does, so a leaked or misused token cannot push, approve or deploy.
 */
export const STEP_PERMISSIONS = {
  /** The executor: reads the issue and the repository, writes the status comment (also on failure). */
  run: { issues: 'write' },
  /** Probot's config reader: `.github/pipeline.yml` here, in the org's `.github` repo, or via `_extends`. */
  config: { contents: 'read' },
  intake: { issues: 'write' },
  plan: { issues: 'write' },
  /** Opens or updates the draft PR and answers review comments. */
  develop: { issues: 'write', pull_requests: 'write' },
  /** Creates and completes the `pipeline/tests` check run. */
  test: { issues: 'write', checks: 'write' },
  /** Takes the PR out of draft. */
  finalize: { issues: 'write', pull_requests: 'write' },
  /** git clone and fetch. */
  clone: { contents: 'read' },
  /** git push of the run's branch. */
  push: { contents: 'write' },
  /** A deploy run's executor: its comment, and its deployment made and marked queued (or superseded). */
  deploy_run: { issues: 'write', deployments: 'write' },
  /** Runs the deploy command, or dispatches the deploy workflow and follows its run. */
  deploy: { issues: 'write', deployments: 'write', actions: 'write' },
  /** The health gate, and the deployment's status after it. */
  verify: { issues: 'write', deployments: 'write' },
  /** The deployment agent's diagnosis, into the deployment's failure status. */
  diagnose: { issues: 'write', deployments: 'write' },
  /** Deploys the last good SHA as a deployment of its own. */
  rollback: { issues: 'write', deployments: 'write', actions: 'write' },
  /** The final comments, on the issue and on the merged pull request. */
  report: { issues: 'write', pull_requests: 'write' },
} as const satisfies Record<string, TokenPermissions>;

export type StepName = keyof typeof STEP_PERMISSIONS;
