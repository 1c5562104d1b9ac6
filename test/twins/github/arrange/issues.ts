import type { TwinCore } from '../core.js';
import {
  addLabels,
  createComment,
  getComment,
  getIssue,
  openIssue as openIssueRecord,
  updateComment,
} from '../domain/issues.js';
import { issuesHook } from '../webhooks/payloads.js';
import type { DeliveryResult } from '../webhooks/types.js';
import { onlyDelivery, userOf, withWebhooks } from './collect.js';

export interface OpenIssueInput {
  title: string;
  body?: string;
  /** Login of the author. */
  user: string;
  labels?: string[];
}

/** Opens an issue as `user`; GitHub sends issues.opened and then issues.labeled for each label. */
export async function openIssue(
  core: TwinCore,
  fullName: string,
  input: OpenIssueInput,
): Promise<{ number: number; deliveries: DeliveryResult[] }> {
  const repo = core.ctx.state.repo(fullName);
  const user = userOf(core, input.user);
  const { result, deliveries } = await withWebhooks(core, (emit) => {
    const issue = openIssueRecord(
      core.ctx,
      repo,
      { title: input.title, body: input.body ?? null, user, labels: input.labels },
      emit,
    );
    for (const name of issue.labels) {
      const label = repo.labels.get(name.toLowerCase());
      if (label) emit(issuesHook(core.ctx, repo, issue, 'labeled', user, label));
    }
    return issue.number;
  });
  return { number: result, deliveries };
}

export async function addLabel(
  core: TwinCore,
  fullName: string,
  number: number,
  label: string,
  options: { by: string },
): Promise<DeliveryResult[]> {
  const repo = core.ctx.state.repo(fullName);
  const issue = getIssue(repo, number);
  const { deliveries } = await withWebhooks(core, (emit) =>
    addLabels(core.ctx, repo, issue, [label], userOf(core, options.by), emit),
  );
  return deliveries;
}

export async function postComment(
  core: TwinCore,
  fullName: string,
  number: number,
  body: string,
  options: { by: string },
): Promise<{ id: number; delivery: DeliveryResult }> {
  const repo = core.ctx.state.repo(fullName);
  const issue = getIssue(repo, number);
  const { result, deliveries } = await withWebhooks(
    core,
    (emit) => createComment(core.ctx, repo, issue, body, userOf(core, options.by), emit).id,
  );
  return { id: result, delivery: onlyDelivery(deliveries) };
}

export async function editComment(
  core: TwinCore,
  fullName: string,
  commentId: number,
  body: string,
  options: { by: string },
): Promise<DeliveryResult> {
  const repo = core.ctx.state.repo(fullName);
  const comment = getComment(repo, commentId);
  const { deliveries } = await withWebhooks(core, (emit) =>
    updateComment(core.ctx, repo, comment, body, userOf(core, options.by), emit),
  );
  return onlyDelivery(deliveries);
}
