import { apiUrl, htmlUrl, nodeId, type TwinContext } from '../context.js';
import type { AnnotationRecord, CheckRunRecord, RepoRecord } from '../state.js';
import { serializeApp } from './app.js';

function pullRequestsFor(ctx: TwinContext, repo: RepoRecord, headSha: string): Record<string, unknown>[] {
  return [...repo.pulls.values()]
    .filter((p) => p.head.sha === headSha && repo.issues.get(p.number)?.state === 'open')
    .map((p) => {
      const repoRef = { id: repo.id, url: apiUrl(ctx, `/repos/${repo.fullName}`), name: repo.name };
      return {
        id: p.id,
        number: p.number,
        url: apiUrl(ctx, `/repos/${repo.fullName}/pulls/${p.number}`),
        head: { ref: p.head.ref, sha: p.head.sha, repo: repoRef },
        base: { ref: p.base.ref, sha: p.base.sha, repo: repoRef },
      };
    });
}

export function serializeCheckRun(
  ctx: TwinContext,
  repo: RepoRecord,
  run: CheckRunRecord,
): Record<string, unknown> {
  const api = apiUrl(ctx, `/repos/${repo.fullName}/check-runs/${run.id}`);
  return {
    id: run.id,
    node_id: nodeId('CR', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url: api,
    html_url: htmlUrl(ctx, `/${repo.fullName}/runs/${run.id}`),
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.checkSuiteId },
    app: serializeApp(ctx),
    pull_requests: pullRequestsFor(ctx, repo, run.headSha),
  };
}

/** The check run inside a `check_run` webhook, whose check_suite carries more fields. */
export function serializeWebhookCheckRun(
  ctx: TwinContext,
  repo: RepoRecord,
  run: CheckRunRecord,
): Record<string, unknown> {
  const base = serializeCheckRun(ctx, repo, run);
  const pull = [...repo.pulls.values()].find((p) => p.head.sha === run.headSha);
  return {
    ...base,
    // Webhooks carry these as strings (GitHub sends "" rather than null).
    details_url: run.detailsUrl ?? base['html_url'],
    external_id: run.externalId ?? '',
    check_suite: {
      id: run.checkSuiteId,
      node_id: nodeId('CS', run.checkSuiteId),
      head_branch: pull?.head.ref ?? null,
      head_sha: run.headSha,
      status: run.status === 'completed' ? 'completed' : 'in_progress',
      conclusion: run.status === 'completed' ? run.conclusion : null,
      url: apiUrl(ctx, `/repos/${repo.fullName}/check-suites/${run.checkSuiteId}`),
      before: null,
      after: run.headSha,
      pull_requests: base['pull_requests'],
      app: base['app'],
      created_at: run.startedAt ?? new Date(0).toISOString(),
      updated_at: run.completedAt ?? run.startedAt ?? new Date(0).toISOString(),
    },
  };
}

export function serializeAnnotation(
  ctx: TwinContext,
  repo: RepoRecord,
  a: AnnotationRecord,
): Record<string, unknown> {
  return {
    path: a.path,
    start_line: a.start_line,
    end_line: a.end_line,
    start_column: a.start_column ?? null,
    end_column: a.end_column ?? null,
    annotation_level: a.annotation_level,
    title: a.title ?? null,
    message: a.message,
    raw_details: a.raw_details ?? null,
    blob_href: htmlUrl(ctx, `/${repo.fullName}/blob/HEAD/${a.path}`),
  };
}
