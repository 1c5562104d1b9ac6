export {
  getDeployRequest,
  listQueuedDeploys,
  type DeployPurpose,
  type DeployRequest,
} from './deploy-requests.js';
export {
  claimDeployment,
  getDeployment,
  lastGoodSha,
  rollbackSha,
  setDeploymentGitHubId,
  setDeploymentState,
  type DeploymentRecord,
  type DeploymentRole,
} from './deployments.js';
export { deployLockHolder, takeDeployLock } from './deploy-locks.js';
export { recordDeployRun, type NewDeployRun, type RecordDeployRunResult } from './record-deploy-run.js';
export { listDeploysOfRun, type DeployOfRun } from './list-deploys-of-run.js';
