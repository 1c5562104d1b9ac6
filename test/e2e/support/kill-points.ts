import type { Gate, GateProxy, GatePhase, SeenRequest } from './gate-proxy.js';

/** The two proxies a kill point can set its gate on. */
export type Proxies = { github: GateProxy; anthropic: GateProxy };

/** A moment in the run at which the worker holding it is killed with SIGKILL. */
export type KillPoint = {
  /** Reads like the story: `develop: push applied, answer not yet back`. */
  name: string;
  /** The graph node the worker is in at that moment. */
  node: 'intake' | 'plan' | 'develop' | 'test' | 'finalize' | 'deploy';
  /** `deploy`: the run killed is the deploy run of a merge (the repository deploys with its workflow). */
  scenario?: 'deploy';
  /** Sets the gate that catches the moment; the kill follows when it is caught (after `settleMs`). */
  arm(proxies: Proxies): Gate;
  /** Wait this long after the gate caught before killing (e.g. to land inside the test command). */
  settleMs?: number;
};

type AnthropicBody = {
  system?: string | { text?: string }[];
  messages?: { role: string; content: unknown }[];
};

/** A Messages API request of the agent whose system prompt has `systemIncludes`, at `turn` (assistant messages so far). */
function modelTurn(
  systemIncludes: string,
  turn: number,
  firstUserIncludes?: string,
): (req: SeenRequest) => boolean {
  return (req) => {
    if (req.method !== 'POST' || !req.path.startsWith('/v1/messages')) return false;
    const body = JSON.parse(req.body.toString('utf8')) as AnthropicBody;
    const system =
      typeof body.system === 'string' ? body.system : (body.system ?? []).map((b) => b.text ?? '').join('\n');
    const messages = body.messages ?? [];
    const first = JSON.stringify(messages[0]?.content ?? '');
    return (
      system.includes(systemIncludes) &&
      messages.filter((m) => m.role === 'assistant').length === turn &&
      (firstUserIncludes === undefined || first.includes(firstUserIncludes))
    );
  };
}

/** A GitHub request by method and path (and optionally a body fragment). */
function githubCall(method: string, path: RegExp, bodyIncludes?: string): (req: SeenRequest) => boolean {
  return (req) =>
    req.method === method &&
    path.test(req.path.split('?')[0] ?? '') &&
    (bodyIncludes === undefined || req.body.toString('utf8').includes(bodyIncludes));
}

const model =
  (phase: GatePhase, systemIncludes: string, turn: number, firstUserIncludes?: string) => (p: Proxies) =>
    p.anthropic.gate({ phase, match: modelTurn(systemIncludes, turn, firstUserIncludes) });
const github =
  (phase: GatePhase, method: string, path: RegExp, options: { nth?: number; bodyIncludes?: string } = {}) =>
  (p: Proxies) =>
    p.github.gate({ phase, nth: options.nth, match: githubCall(method, path, options.bodyIncludes) });

const ISSUE_COMMENTS = /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/;
const EDIT_COMMENT = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/;
const RECEIVE_PACK = /\.git\/git-receive-pack$/;
const UPLOAD_REFS = /\.git\/info\/refs$/;
const PULLS = /^\/repos\/[^/]+\/[^/]+\/pulls$/;
const PULL = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/;
const CHECK_RUNS = /^\/repos\/[^/]+\/[^/]+\/check-runs$/;
const CHECK_RUN = /^\/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/;
const GRAPHQL = /^\/graphql$/;
const DEPLOYMENTS = /^\/repos\/[^/]+\/[^/]+\/deployments$/;
const DISPATCH = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/[^/]+\/dispatches$/;
const WORKFLOW_RUN = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+$/;

/** Kill points across every node of the crash scenario (intake → plan → develop → test ⟲ → finalize). */
export const killPoints: KillPoint[] = [
  {
    name: 'intake: status comment created, its id not yet stored',
    node: 'intake',
    arm: github('after', 'POST', ISSUE_COMMENTS),
  },
  {
    name: 'intake: classification call in flight',
    node: 'intake',
    arm: model('before', 'You are the intake step', 0),
  },
  { name: 'plan: workspace clone in flight', node: 'plan', arm: github('before', 'GET', UPLOAD_REFS) },
  {
    name: 'plan: first planning turn in flight',
    node: 'plan',
    arm: model('before', 'You are the planning agent', 0),
  },
  {
    name: 'plan: plan submitted by the model, answer not yet back',
    node: 'plan',
    arm: model('after', 'You are the planning agent', 1),
  },
  {
    name: 'plan: plan written into the status comment',
    node: 'plan',
    arm: github('after', 'PATCH', EDIT_COMMENT, { bodyIncludes: 'Plan:**' }),
  },
  {
    name: 'develop: first development turn in flight',
    node: 'develop',
    arm: model('before', 'You are the development agent', 0),
  },
  {
    name: 'develop: files written, finish call in flight',
    node: 'develop',
    arm: model('before', 'You are the development agent', 1),
  },
  {
    name: 'develop: push sent, not yet applied',
    node: 'develop',
    arm: github('before', 'POST', RECEIVE_PACK),
  },
  {
    name: 'develop: push applied, answer not yet back',
    node: 'develop',
    arm: github('after', 'POST', RECEIVE_PACK),
  },
  {
    name: 'develop: draft PR created, its number not yet known',
    node: 'develop',
    arm: github('after', 'POST', PULLS),
  },
  {
    name: 'test: check run created, its id not yet known',
    node: 'test',
    arm: github('after', 'POST', CHECK_RUNS),
  },
  {
    name: 'test: test command running',
    node: 'test',
    arm: github('observe', 'POST', CHECK_RUNS),
    settleMs: 500,
  },
  {
    name: 'test: failing result being reported',
    node: 'test',
    arm: github('after', 'PATCH', CHECK_RUN, { bodyIncludes: '"completed"' }),
  },
  {
    name: 'test: testing agent diagnosing the failure',
    node: 'test',
    arm: model('before', 'You are the testing agent', 0),
  },
  {
    name: 'develop (fix round): first turn in flight',
    node: 'develop',
    arm: model('before', 'You are the development agent', 0, 'Test round 1 failed'),
  },
  {
    name: 'develop (fix round): push applied, answer not yet back',
    node: 'develop',
    arm: github('after', 'POST', RECEIVE_PACK, { nth: 2 }),
  },
  {
    name: 'develop (fix round): PR description being updated',
    node: 'develop',
    arm: github('after', 'PATCH', PULL),
  },
  {
    name: 'test (fix round): check run created, its id not yet known',
    node: 'test',
    arm: github('after', 'POST', CHECK_RUNS, { nth: 2 }),
  },
  {
    name: 'test (fix round): test command running',
    node: 'test',
    arm: github('observe', 'POST', CHECK_RUNS, { nth: 2 }),
    settleMs: 500,
  },
  {
    name: 'test (fix round): green result being reported',
    node: 'test',
    arm: github('after', 'PATCH', CHECK_RUN, { nth: 2, bodyIncludes: '"completed"' }),
  },
  {
    name: 'finalize: PR being marked ready for review',
    node: 'finalize',
    arm: github('after', 'POST', GRAPHQL, { bodyIncludes: 'markPullRequestReadyForReview' }),
  },
  {
    name: 'finalize: ready status being written',
    node: 'finalize',
    arm: github('after', 'PATCH', EDIT_COMMENT, { bodyIncludes: 'Pull request ready for review' }),
  },
  {
    name: 'deploy: deployment created, its id not yet known',
    node: 'deploy',
    scenario: 'deploy',
    arm: github('after', 'POST', DEPLOYMENTS),
  },
  {
    name: 'deploy: workflow dispatched, the answer with its run not yet back',
    node: 'deploy',
    scenario: 'deploy',
    arm: github('after', 'POST', DISPATCH),
  },
  {
    name: 'deploy: following the workflow run, a poll of it in flight',
    node: 'deploy',
    scenario: 'deploy',
    arm: github('before', 'GET', WORKFLOW_RUN, { nth: 2 }),
  },
];

export function killPoint(name: string): KillPoint {
  const found = killPoints.find((k) => k.name === name);
  if (!found) throw new Error(`no kill point named "${name}"`);
  return found;
}
