import type { RepoRecord } from '../state.js';
import { grants, type PermissionNeed } from './app-permissions.js';
import type { Caller } from './authenticate.js';

/** Whether the caller may see the repository: the app itself, a token of its installation naming it, or a person with access. */
export function tokenReaches(caller: Caller, repo: RepoRecord): boolean {
  // A person sees the repositories they own or have been given access to (the twin's are private).
  if (caller.kind === 'user') {
    const login = caller.login.toLowerCase();
    return repo.owner.login.toLowerCase() === login || (repo.permissions.get(login) ?? 'none') !== 'none';
  }
  if (caller.kind !== 'installation') return true;
  if (caller.installationId !== repo.installationId) return false;
  const reach = caller.token.repositoryIds;
  return reach === null || reach.includes(repo.id);
}

/** Whether an installation token holds one of the permissions an endpoint accepts (none listed: metadata). */
export function tokenAllows(caller: Caller, needs: readonly PermissionNeed[] | undefined): boolean {
  if (caller.kind !== 'installation' || !needs || needs.length === 0) return true;
  return needs.some((need) => grants(caller.token.permissions, need));
}

/** GitHub's `X-Accepted-GitHub-Permissions` header value: `issues=write; pull_requests=write`. */
export function acceptedPermissions(needs: readonly PermissionNeed[]): string {
  return needs.map(([name, level]) => `${name}=${level}`).join('; ');
}
