import { apiUrl, htmlUrl, nodeId, type TwinContext } from '../context.js';
import type { InstallationRecord } from '../state.js';
import { serializeUser } from './users.js';

const PERMISSIONS = {
  actions: 'write',
  checks: 'write',
  contents: 'write',
  deployments: 'write',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
};
const EVENTS = ['check_run', 'issue_comment', 'issues', 'pull_request', 'pull_request_review', 'push'];

/** The app itself, as `GET /app` returns it (`integration`). */
export function serializeApp(ctx: TwinContext): Record<string, unknown> {
  return {
    id: ctx.app.appId,
    slug: ctx.app.slug,
    node_id: nodeId('A', ctx.app.appId),
    client_id: ctx.app.clientId,
    owner: serializeUser(ctx, ctx.app.owner),
    name: ctx.app.name,
    description: 'GitHub App hosted by the local GitHub twin',
    external_url: ctx.baseUrl,
    html_url: htmlUrl(ctx, `/apps/${ctx.app.slug}`),
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    permissions: PERMISSIONS,
    events: EVENTS,
    installations_count: ctx.state.installations.size,
  };
}

export function serializeInstallation(
  ctx: TwinContext,
  installation: InstallationRecord,
): Record<string, unknown> {
  return {
    id: installation.id,
    account: serializeUser(ctx, installation.account),
    repository_selection: 'selected',
    access_tokens_url: apiUrl(ctx, `/app/installations/${installation.id}/access_tokens`),
    repositories_url: apiUrl(ctx, '/installation/repositories'),
    html_url: htmlUrl(ctx, `/settings/installations/${installation.id}`),
    app_id: ctx.app.appId,
    app_slug: ctx.app.slug,
    target_id: installation.account.id,
    target_type: installation.account.type === 'Organization' ? 'Organization' : 'User',
    permissions: PERMISSIONS,
    events: EVENTS,
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

/** The `installation` stub GitHub puts in every app webhook payload. */
export function installationStub(installationId: number): Record<string, unknown> {
  return { id: installationId, node_id: nodeId('MDIz', installationId) };
}
