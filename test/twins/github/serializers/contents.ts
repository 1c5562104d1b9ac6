import type { PathContent, TreeEntry } from '../../git/read-tree.js';
import { apiUrl, htmlUrl, type TwinContext } from '../context.js';
import type { RepoRecord } from '../state.js';

function links(
  ctx: TwinContext,
  repo: RepoRecord,
  path: string,
  sha: string,
  kind: 'blobs' | 'trees',
  ref: string,
) {
  const self = apiUrl(ctx, `/repos/${repo.fullName}/contents/${path}?ref=${encodeURIComponent(ref)}`);
  const git = apiUrl(ctx, `/repos/${repo.fullName}/git/${kind}/${sha}`);
  const html = htmlUrl(ctx, `/${repo.fullName}/${kind === 'blobs' ? 'blob' : 'tree'}/${ref}/${path}`);
  return { url: self, git_url: git, html_url: html, _links: { self, git, html } };
}

function entry(ctx: TwinContext, repo: RepoRecord, e: TreeEntry, ref: string): Record<string, unknown> {
  const isFile = e.type === 'blob';
  return {
    type: isFile ? 'file' : e.type === 'tree' ? 'dir' : 'submodule',
    size: e.size,
    name: e.path.split('/').at(-1) ?? e.path,
    path: e.path,
    sha: e.sha,
    download_url: isFile ? htmlUrl(ctx, `/raw/${repo.fullName}/${ref}/${e.path}`) : null,
    ...links(ctx, repo, e.path, e.sha, isFile ? 'blobs' : 'trees', ref),
  };
}

/** `content-file` (base64, wrapped at 60 characters like GitHub) or a directory listing. */
export function serializeContent(
  ctx: TwinContext,
  repo: RepoRecord,
  content: PathContent,
  ref: string,
): unknown {
  if (content.kind === 'dir') return content.entries.map((e) => entry(ctx, repo, e, ref));
  const base64 = content.content.toString('base64');
  const wrapped = (base64.match(/.{1,60}/g) ?? []).join('\n');
  return {
    ...entry(
      ctx,
      repo,
      { type: 'blob', sha: content.sha, size: content.content.length, path: content.path },
      ref,
    ),
    encoding: 'base64',
    content: wrapped ? `${wrapped}\n` : '',
  };
}
