export { cloneWorkspace, type CloneWorkspaceInput } from './clone-workspace.js';
export { checkoutBranch, type CheckoutBranchOptions } from './checkout-branch.js';
export { commitAll, type CommitAllInput } from './commit-all.js';
export { push, type PushOptions } from './push.js';
export { diffAgainst } from './diff-against.js';
export { changedFiles } from './changed-files.js';
export { branchNameFor } from './branch-name-for.js';
export { WorkspaceError } from './workspace-error.js';
export {
  pathPolicyFor,
  PROTECTED_PATHS,
  type PathPolicy,
  type PathPolicyOptions,
  type PathRule,
} from './path-policy.js';
export { listChanges, type ChangedPath } from './list-changes.js';
export { pushBase } from './push-base.js';
export { refusedChanges, type PathRefusal } from './refused-changes.js';
export { describeRefusals } from './describe-refusals.js';
export { ProtectedPathError } from './protected-path-error.js';
export type { GitAuthor, Workspace } from './types.js';
export { readWorkspaceFile, type ReadWorkspaceFileOptions } from './read-workspace-file.js';
export { writeWorkspaceFile, type WriteWorkspaceFileResult } from './write-workspace-file.js';
export { WorkspaceFileError, type WorkspaceFileRefusal } from './workspace-file-error.js';
