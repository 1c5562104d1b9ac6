export { cloneWorkspace, type CloneWorkspaceInput } from './clone-workspace.js';
export { checkoutBranch, type CheckoutBranchOptions } from './checkout-branch.js';
export { commitAll, type CommitAllInput } from './commit-all.js';
export { push, type PushOptions } from './push.js';
export { diffAgainst } from './diff-against.js';
export { changedFiles } from './changed-files.js';
export { branchNameFor } from './branch-name-for.js';
export { WorkspaceError } from './workspace-error.js';
export type { GitAuthor, Workspace } from './types.js';
