import { listAudit, listEvents, type AuditEntry } from '../../../src/storage/index.js';
import { waitFor } from '../../support/wait.js';
import type { TwinScript } from '../../twins/anthropic/index.js';
import { defaultFiles, MAINTAINER, REPO, type Harness } from '../harness.js';
import { call, develop, intake, plan } from './builders.js';

/** The default repository with a `.github/pipeline.yml`. */
export const withConfig = (yaml: string): Record<string, string> => ({
  ...defaultFiles,
  '.github/pipeline.yml': yaml,
});

/** A development agent that adds `sub(a, b)` and finishes. */
export const addSub = (name = 'Add sub') =>
  develop(name, [
    call('write_file', { path: 'src/sub.js', content: 'export const sub = (a, b) => a - b;\n' }),
  ]);

/** intake, plan and a development agent adding `sub`: a feature run from issue to ready PR. */
export const featureScript = (): TwinScript => ({
  conversations: [intake('feature'), plan(['Write src/sub.js']), addSub()],
});

/** Opens an issue as the maintainer and labels it `pipeline`; returns its number. */
export async function labelNewIssue(h: Harness, title = 'Add a subtract helper'): Promise<number> {
  const issue = await h.github.openIssue(REPO, {
    title,
    body: 'We need `sub(a, b)` next to `sum`.',
    user: MAINTAINER,
  });
  await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
  return issue.number;
}

/** Comments the app posted on the issue, oldest first. */
export function botComments(h: Harness, issueNumber: number) {
  return h.github.comments(REPO, issueNumber).filter((c) => c.user === h.github.app.botLogin);
}

/** Waits for a bot comment containing `text` (a command's answer) and returns its body. */
export async function waitForBotComment(h: Harness, issueNumber: number, text: string): Promise<string> {
  let body = '';
  await waitFor(`a bot comment saying ${JSON.stringify(text)}`, () => {
    body = botComments(h, issueNumber).find((c) => c.body.includes(text))?.body ?? '';
    return body !== '';
  });
  return body;
}

/** The run's audit log, oldest first, as `actor action`. */
export async function auditTrail(h: Harness, runId: string): Promise<string[]> {
  return (await auditEntries(h, runId)).map((e) => `${e.actor} ${e.action}`);
}

/** The run's audit rows, oldest first. */
export async function auditEntries(h: Harness, runId: string): Promise<AuditEntry[]> {
  return (await listAudit(h.db, { runId, limit: 1000 })).reverse();
}

/** The run's event types, in order. */
export async function eventTypes(h: Harness, runId: string): Promise<string[]> {
  return (await listEvents(h.db, runId, { limit: 5000 })).map((e) => e.type);
}

/** `wanted` in `list`, in this order, other entries allowed between them. */
export function isSubsequence(list: string[], wanted: string[]): boolean {
  let at = 0;
  for (const item of list) if (item === wanted[at]) at += 1;
  return at === wanted.length;
}

/** Requests the Anthropic twin answered from the named script conversation. */
export function requestsOf(h: Harness, conversation: string) {
  return h.anthropic.requests.filter((r) => r.conversation === conversation);
}
