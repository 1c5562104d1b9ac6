import type { IncomingMessage, ServerResponse } from 'node:http';
import { runHttpBackend } from './http-backend.js';
import { listRefs } from './bare-repo.js';

/** A ref a push changed; `before`/`after` are null when the ref was created/deleted. */
export interface RefUpdate {
  ref: string;
  before: string | null;
  after: string | null;
}

export interface SmartHttpDeps {
  projectRoot: string;
  /** Bare repository directory for `owner/repo`, or null when the twin has no such repository. */
  gitDirFor(owner: string, repo: string): string | null;
  /**
   * What the token (the basic-auth password) may do with the repository: `unknown` (a bad token: 401),
   * `hidden` (not a repository it can see: 404), `read` or `write`.
   */
  authorize(token: string, owner: string, repo: string): GitAccess;
  /** Called after a receive-pack that changed refs, once the client has its response. */
  onPush(owner: string, repo: string, updates: RefUpdate[]): Promise<void>;
}

export type GitAccess = 'unknown' | 'hidden' | 'read' | 'write';

const GIT_PATH = /^\/([^/]+)\/([^/]+?)\.git(\/.*)$/;

/** Whether a request path belongs to the git smart-HTTP remote (`/{owner}/{repo}.git/...`). */
export function isGitPath(pathname: string): boolean {
  return GIT_PATH.test(pathname);
}

function basicPassword(header: string | undefined): string | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

function diffRefs(before: Map<string, string>, after: Map<string, string>): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const [ref, sha] of after) {
    const old = before.get(ref) ?? null;
    if (old !== sha) updates.push({ ref, before: old, after: sha });
  }
  for (const [ref, sha] of before) if (!after.has(ref)) updates.push({ ref, before: sha, after: null });
  return updates;
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="GitHub"');
  res.setHeader('content-type', 'text/plain');
  res.end(`${message}\n`);
}

/** Serves clone, fetch and push over smart HTTP with GitHub-style basic auth (`x-access-token:<token>`). */
export async function handleGitRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: SmartHttpDeps,
): Promise<void> {
  const match = GIT_PATH.exec(url.pathname);
  const [, owner = '', repo = '', rest = ''] = match ?? [];
  const token = basicPassword(req.headers.authorization);
  if (!token) return deny(res, 401, 'Authentication required');
  const access = deps.authorize(token, owner, repo);
  if (access === 'unknown') return deny(res, 401, 'Invalid username or token.');
  if (access === 'hidden' || !deps.gitDirFor(owner, repo)) return deny(res, 404, 'Repository not found.');
  const gitDir = deps.gitDirFor(owner, repo) ?? '';
  const isPush = rest === '/git-receive-pack';
  // The ref advertisement of a push (`info/refs?service=git-receive-pack`) is refused too, as GitHub does.
  const wantsPush = isPush || url.searchParams.get('service') === 'git-receive-pack';
  if (wantsPush && access !== 'write') {
    return deny(res, 403, `Permission to ${owner}/${repo}.git denied to x-access-token.`);
  }
  const before = isPush ? await listRefs(gitDir) : null;
  await runHttpBackend({
    projectRoot: deps.projectRoot,
    pathInfo: `/${owner}/${repo}.git${rest}`,
    queryString: url.search.replace(/^\?/, ''),
    remoteUser: 'x-access-token',
    req,
    res,
  });
  if (!before) return;
  const updates = diffRefs(before, await listRefs(gitDir));
  if (updates.length > 0) await deps.onPush(owner, repo, updates);
}
