/** Repository permissions an installation token can be narrowed to, by GitHub's names. */
export type RepoPermission =
  'actions' | 'checks' | 'contents' | 'deployments' | 'issues' | 'metadata' | 'pull_requests';

export type PermissionLevel = 'read' | 'write';

export type TokenPermissions = Partial<Record<RepoPermission, PermissionLevel>>;

/**
 * What one installation token may reach: the permissions a step needs, on the run's repository. Without
 * `repoFullName` the token reaches every repository of the installation (only the read of a repo's config
 * needs that: Probot's config reader follows `_extends` and the org's `.github` repository).
 */
export type TokenScope = { repoFullName?: string; permissions: TokenPermissions };

/** A stable key for a scope (permission order does not matter), for caches of clients. */
export function tokenScopeKey(installationId: number, scope: TokenScope): string {
  const permissions = Object.entries(scope.permissions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, level]) => `${name}:${level}`)
    .join(',');
  return `${installationId}|${scope.repoFullName?.toLowerCase() ?? '*'}|${permissions}`;
}
