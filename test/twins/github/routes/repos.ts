import { listRefs } from '../../git/bare-repo.js';
import { readPath } from '../../git/read-tree.js';
import { apiUrl, nodeId } from '../context.js';
import { notFound } from '../domain/errors.js';
import { serializeContent } from '../serializers/contents.js';
import { serializeRepoWithPermissions } from '../serializers/repos.js';
import { serializeUser } from '../serializers/users.js';
import type { Permission, RepoRecord } from '../state.js';
import { actor, pageOf, repoOf, type RouteContext, type RouteTable } from './types.js';

const LEGACY: Record<Permission, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

function branchJson(ctx: RouteContext, repo: RepoRecord, name: string, sha: string): Record<string, unknown> {
  return {
    name,
    commit: { sha, url: apiUrl(ctx, `/repos/${repo.fullName}/commits/${sha}`) },
    protected: false,
  };
}

async function branches(repo: RepoRecord): Promise<[string, string][]> {
  const refs = await listRefs(repo.gitDir);
  return [...refs].filter(([ref]) => ref.startsWith('refs/heads/')).map(([ref, sha]) => [ref.slice(11), sha]);
}

export const repoRoutes: RouteTable = {
  'repos/get': {
    auth: 'installation',
    users: true,
    handle(ctx, req) {
      return {
        status: 200,
        body: serializeRepoWithPermissions(ctx, repoOf(ctx, req), actor(ctx, req.caller)),
      };
    },
  },
  'repos/get-content': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const ref = req.query.get('ref') ?? repo.defaultBranch;
      const content = await readPath(repo.gitDir, ref, req.params['path'] ?? '');
      if (!content) throw notFound();
      if (content.kind === 'file' && /\.(raw|v3\.raw)\b/.test(req.accept)) {
        return { status: 200, raw: { contentType: 'text/plain; charset=utf-8', data: content.content } };
      }
      return { status: 200, body: serializeContent(ctx, repo, content, ref) };
    },
  },
  'repos/get-collaborator-permission-level': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const user = ctx.state.users.get((req.params['username'] ?? '').toLowerCase());
      if (!user) throw notFound();
      const role: Permission =
        user.id === repo.owner.id ? 'admin' : (repo.permissions.get(user.login.toLowerCase()) ?? 'none');
      return {
        status: 200,
        body: {
          permission: LEGACY[role],
          role_name: role,
          user: { ...serializeUser(ctx, user), role_name: role },
        },
      };
    },
  },
  'git/get-ref': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const ref = `refs/${req.params['ref'] ?? ''}`;
      const sha = (await listRefs(repo.gitDir)).get(ref);
      if (!sha) throw notFound();
      const url = apiUrl(ctx, `/repos/${repo.fullName}/git/${ref}`);
      const object = { type: 'commit', sha, url: apiUrl(ctx, `/repos/${repo.fullName}/git/commits/${sha}`) };
      return { status: 200, body: { ref, node_id: nodeId('REF', sha.length + repo.id), url, object } };
    },
  },
  'repos/list-branches': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const list = (await branches(repo)).map(([name, sha]) => branchJson(ctx, repo, name, sha));
      const page = pageOf(ctx, req, list);
      return { status: 200, body: page.items, headers: page.headers };
    },
  },
};
