import { apiUrl, htmlUrl, nodeId, type TwinContext } from '../context.js';
import type { UserRecord } from '../state.js';

/** A `simple-user` as GitHub returns it (also the webhook `sender`). */
export function serializeUser(ctx: TwinContext, user: UserRecord): Record<string, unknown> {
  const base = apiUrl(ctx, `/users/${encodeURIComponent(user.login)}`);
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `${ctx.baseUrl}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: base,
    html_url: htmlUrl(ctx, `/${encodeURIComponent(user.login)}`),
    followers_url: `${base}/followers`,
    following_url: `${base}/following{/other_user}`,
    gists_url: `${base}/gists{/gist_id}`,
    starred_url: `${base}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/subscriptions`,
    organizations_url: `${base}/orgs`,
    repos_url: `${base}/repos`,
    events_url: `${base}/events{/privacy}`,
    received_events_url: `${base}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** GitHub's author_association of a user towards a repository, from the twin's permissions. */
export function authorAssociation(
  permission: string | undefined,
  isOwner: boolean,
): 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE' {
  if (isOwner) return 'OWNER';
  if (permission === 'admin' || permission === 'maintain' || permission === 'write') return 'COLLABORATOR';
  if (permission === 'triage' || permission === 'read') return 'CONTRIBUTOR';
  return 'NONE';
}

/** `GET /user` as a person's user token sees it (GitHub's `public-user`). */
export function serializeAuthenticatedUser(ctx: TwinContext, user: UserRecord): Record<string, unknown> {
  const created = new Date(Date.UTC(2020, 0, 1)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    ...serializeUser(ctx, user),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
  };
}
