import { createBareRepo, resolveCommit } from '../../git/bare-repo.js';
import type { RepoFiles } from '../../git/write-files.js';
import type { TwinCore } from '../core.js';
import { now, type Permission, type RepoRecord, type UserType } from '../state.js';
import { installationCreatedHook } from '../webhooks/payloads.js';
import type { DeliveryResult } from '../webhooks/types.js';
import { onlyDelivery, withWebhooks } from './collect.js';

export interface CreateInstallationInput {
  /** Login of the user or organization that installs the app. */
  account: string;
  accountType?: 'User' | 'Organization';
  /** Who clicked "Install" (defaults to the account). */
  by?: string;
}

export async function createInstallation(
  core: TwinCore,
  input: CreateInstallationInput,
): Promise<{ id: number; delivery: DeliveryResult }> {
  const { state } = core.ctx;
  const account = state.user(input.account, input.accountType ?? 'Organization');
  const installation = { id: state.ids.next('installation', 40_000), account, createdAt: now() };
  state.installations.set(installation.id, installation);
  const sender = state.user(input.by ?? input.account);
  const { deliveries } = await withWebhooks(core, (emit) =>
    emit(installationCreatedHook(core.ctx, installation, [], sender)),
  );
  return { id: installation.id, delivery: onlyDelivery(deliveries) };
}

export interface CreateRepoInput {
  owner: string;
  name: string;
  /** The first commit's files; an entry `{ symlinkTo }` is committed as a symlink. */
  files: RepoFiles;
  installationId: number;
  defaultBranch?: string;
  private?: boolean;
}

export interface CreatedRepo {
  fullName: string;
  gitDir: string;
  defaultBranch: string;
  headSha: string;
}

/** Creates a real bare repository with one commit of `files` and registers it with the installation. */
export async function createRepo(core: TwinCore, input: CreateRepoInput): Promise<CreatedRepo> {
  const { state } = core.ctx;
  if (!state.installations.has(input.installationId)) {
    throw new Error(
      `GitHub twin: no installation ${input.installationId}; call twin.createInstallation() first`,
    );
  }
  const fullName = `${input.owner}/${input.name}`;
  if (state.repos.has(fullName.toLowerCase())) throw new Error(`GitHub twin: ${fullName} already exists`);
  const defaultBranch = input.defaultBranch ?? 'main';
  const gitDir = await createBareRepo({
    projectRoot: core.gitRoot,
    fullName,
    files: input.files,
    defaultBranch,
  });
  const at = now();
  const repo: RepoRecord = {
    id: state.ids.next('repo', 70_000),
    owner: state.user(input.owner, 'Organization'),
    name: input.name,
    fullName,
    private: input.private ?? false,
    defaultBranch,
    installationId: input.installationId,
    gitDir,
    createdAt: at,
    pushedAt: at,
    permissions: new Map(),
    labels: new Map(),
    issues: new Map(),
    pulls: new Map(),
    comments: new Map(),
    reviews: new Map(),
    reviewComments: new Map(),
    checkRuns: new Map(),
    deployments: new Map(),
    workflowDispatches: [],
    workflowIds: new Map(),
    workflowRuns: new Map(),
    workflowScripts: new Map(),
    nextNumber: 1,
  };
  state.repos.set(fullName.toLowerCase(), repo);
  const headSha = (await resolveCommit(gitDir, `refs/heads/${defaultBranch}`)) ?? '';
  return { fullName, gitDir, defaultBranch, headSha };
}

export function addUser(core: TwinCore, login: string, options: { type?: UserType } = {}) {
  return core.ctx.state.user(login, options.type ?? 'User');
}

export function setPermission(core: TwinCore, fullName: string, login: string, permission: Permission): void {
  const repo = core.ctx.state.repo(fullName);
  core.ctx.state.user(login);
  repo.permissions.set(login.toLowerCase(), permission);
}
