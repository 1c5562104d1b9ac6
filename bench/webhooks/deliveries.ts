import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import type { ReadyInfo } from './types.js';

/** The shape of @octokit/webhooks-examples (a JSON file): one entry per event with example payloads. */
type ExampleDefinitions = Array<{ name: string; examples: Array<{ action?: string }> }>;
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as ExampleDefinitions;

const ISSUE_SENTINEL = 987_654_321;
const LABEL = 'pipeline';

/** A signed `issues.labeled` request: what GitHub would POST for one label event. */
export interface SignedDelivery {
  id: string;
  body: string;
  headers: IncomingHttpHeaders;
}

/** The `issues.labeled` example from @octokit/webhooks-examples, as a plain JSON object. */
function labeledExample(): Record<string, unknown> {
  const issues = examples.find((d) => d.name === 'issues');
  const example = issues?.examples.find((e) => e.action === 'labeled');
  if (!example) throw new Error('@octokit/webhooks-examples has no issues.labeled example');
  return structuredClone(example) as unknown as Record<string, unknown>;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null)
    throw new Error(`issues.labeled example: ${what} is not an object`);
  return value as Record<string, unknown>;
}

/** The example patched to the twin's repository, installation and sender, with the trigger label. */
function patchedPayload(target: ReadyInfo): Record<string, unknown> {
  const payload = labeledExample();
  const [owner = '', name = ''] = target.repoFullName.split('/');
  const repository = asRecord(payload['repository'], 'repository');
  Object.assign(repository, { name, full_name: target.repoFullName });
  Object.assign(asRecord(repository['owner'], 'repository.owner'), { login: owner });
  Object.assign(asRecord(payload['sender'], 'sender'), { login: target.sender, type: 'User' });
  const issue = asRecord(payload['issue'], 'issue');
  Object.assign(issue, { number: ISSUE_SENTINEL, title: 'Benchmark issue' });
  delete issue['pull_request'];
  Object.assign(asRecord(payload['label'], 'label'), { name: LABEL });
  payload['installation'] = { id: target.installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u' };
  return payload;
}

/**
 * Builds deliveries for one server: the body is the example with a fresh issue number each time, signed
 * with the server's webhook secret, and a fresh `x-github-delivery` id, exactly as GitHub sends them.
 */
export interface DeliveryFactory {
  next(): SignedDelivery;
  /** Deliveries built so far: also the highest issue number used. */
  readonly issued: number;
}

export function createDeliveryFactory(target: ReadyInfo): DeliveryFactory {
  const json = JSON.stringify(patchedPayload(target));
  const marker = `"number":${ISSUE_SENTINEL}`;
  const at = json.indexOf(marker);
  if (at < 0 || json.indexOf(marker, at + 1) >= 0)
    throw new Error('issue number marker must occur exactly once');
  const head = `${json.slice(0, at)}"number":`;
  const tail = json.slice(at + marker.length);
  let issued = 0;
  return {
    get issued() {
      return issued;
    },
    next() {
      issued += 1;
      const body = `${head}${issued}${tail}`;
      const id = randomUUID();
      const signature = createHmac('sha256', target.webhookSecret).update(body).digest('hex');
      return {
        id,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'GitHub-Hookshot/bench',
          'x-github-event': 'issues',
          'x-github-delivery': id,
          'x-github-hook-id': '1',
          'x-hub-signature-256': `sha256=${signature}`,
        },
      };
    },
  };
}
