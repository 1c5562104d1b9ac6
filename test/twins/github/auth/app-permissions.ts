/** Repository permissions the twin's app holds and that its tokens can be narrowed to, by GitHub's names. */
export const APP_PERMISSIONS = {
  actions: 'write',
  checks: 'write',
  contents: 'write',
  deployments: 'write',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
} as const;

export type PermissionName = keyof typeof APP_PERMISSIONS;
export type AccessLevel = 'read' | 'write';
export type AppPermissions = Partial<Record<PermissionName, AccessLevel>>;

function isPermissionName(name: string): name is PermissionName {
  return Object.hasOwn(APP_PERMISSIONS, name);
}

/** One permission an endpoint accepts, e.g. `['checks', 'write']`. */
export type PermissionNeed = readonly [PermissionName, AccessLevel];

/** Whether `granted` covers `need` (write includes read). */
export function grants(granted: AppPermissions, [name, level]: PermissionNeed): boolean {
  const has = granted[name];
  return has === 'write' || (has === 'read' && level === 'read');
}

/**
 * Why the permissions asked for a token exceed the app's, or null. GitHub answers such a request 422 "The
 * permissions requested are not granted to this installation."
 */
export function narrowPermissions(requested: Record<string, string>): AppPermissions | null {
  const narrowed: AppPermissions = { metadata: 'read' };
  for (const [name, level] of Object.entries(requested)) {
    if (!isPermissionName(name) || (level !== 'read' && level !== 'write')) return null;
    if (!grants(APP_PERMISSIONS, [name, level])) return null;
    narrowed[name] = level;
  }
  return narrowed;
}
