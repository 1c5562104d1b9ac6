import { REPO, type Twins } from './twins.js';

/** When the run's status comment was created, and when it first showed the plan (twin arrival times). */
export interface CommentTimes {
  issueNumber: number;
  createdMs: number | null;
  planMs: number | null;
  edits: number;
}

const PLAN_MARK = '**Plan:**';

/**
 * From the twin's request log (arrival time, ms) and the comment's body history: the status comment is the
 * bot's comment on the issue; history[0] is the body it was created with and history[k] the k-th PATCH.
 */
export function commentTimes(twins: Twins, issueNumbers: readonly number[]): CommentTimes[] {
  const [owner, name] = REPO.split('/');
  const prefix = `/repos/${owner}/${name}/issues`;
  const requests = twins.github.requests;
  return issueNumbers.map((issueNumber) => {
    const comment = twins.github
      .comments(REPO, issueNumber)
      .find((c) => c.user === twins.github.app.botLogin);
    if (!comment) return { issueNumber, createdMs: null, planMs: null, edits: 0 };
    const created = requests.find(
      (r) => r.method === 'POST' && r.path === `${prefix}/${issueNumber}/comments`,
    );
    const edits = requests.filter(
      (r) => r.method === 'PATCH' && r.path === `${prefix}/comments/${comment.id}`,
    );
    const planIndex = comment.history.findIndex((body) => body.includes(PLAN_MARK));
    const planRequest = planIndex === 0 ? created : planIndex > 0 ? edits[planIndex - 1] : undefined;
    return {
      issueNumber,
      createdMs: created ? Date.parse(created.at) : null,
      planMs: planRequest ? Date.parse(planRequest.at) : null,
      edits: edits.length,
    };
  });
}
