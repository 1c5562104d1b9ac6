export {
  getDeployRequest,
  listQueuedDeploys,
  type DeployPurpose,
  type DeployRequest,
} from './deploy-requests.js';
export {
  claimDeployment,
  clearWorkflowDispatched,
  followedWorkflowRuns,
  getDeployment,
  lastGoodSha,
  markWorkflowDispatched,
  rollbackSha,
  setDeploymentGitHubId,
  setDeploymentState,
  setDeploymentWorkflowRun,
  type DeploymentRecord,
  type DeploymentRole,
} from './deployments.js';
export { deployLockHolder, takeDeployLock } from './deploy-locks.js';
export { recordDeployRun, type NewDeployRun, type RecordDeployRunResult } from './record-deploy-run.js';
export { listDeploysOfRun, type DeployOfRun } from './list-deploys-of-run.js';
