import type { AppProcess } from './child.js';
import { MAINTAINER, REPO, type Twins } from './twins.js';

/** One labeled issue: when its webhook went out and how long the app took to acknowledge it. */
export interface Trigger {
  token: number;
  issueNumber: number;
  /** Epoch ms at which the twin started sending the `issues.labeled` delivery. */
  webhookMs: number;
  ackMs: number;
  ackStatus: number;
}

export interface PhaseRaw {
  name: 'sequential' | 'burst';
  workers: number;
  triggers: Trigger[];
  /** A run did not finish in time: it may still be in flight. */
  timedOut: boolean;
  /** Sequential: fewer runs than planned because the phase's time cap was reached (none in flight). */
  capped: boolean;
}

const epochMs = (): number => performance.timeOrigin + performance.now();

/** Labels the issue `pipeline` as a maintainer; the twin sends the webhook and answers once it is acknowledged. */
async function label(twins: Twins, token: number, issueNumber: number): Promise<Trigger> {
  const deliveries = await twins.github.addLabel(REPO, issueNumber, 'pipeline', { by: MAINTAINER });
  const done = epochMs();
  const delivery = deliveries.find((d) => d.event === 'issues' && d.action === 'labeled');
  if (!delivery) throw new Error(`no issues.labeled delivery for #${issueNumber}`);
  return {
    token,
    issueNumber,
    webhookMs: done - delivery.durationMs,
    ackMs: delivery.durationMs,
    ackStatus: delivery.status,
  };
}

export interface PhaseInput {
  twins: Twins;
  app: AppProcess;
  /** Bench tokens and their issue numbers, in order. */
  issues: ReadonlyArray<{ token: number; issueNumber: number }>;
  /** Final runs in the database before this phase. */
  doneBefore: number;
  perRunTimeoutMs: number;
  /** Sequential: no new run is started after this long. Burst: the wait for the last run ends after 1.5×. */
  phaseCapMs: number;
}

/** One issue at a time: the next is labeled once the previous run has finished (latency, no queueing). */
export async function runSequential(input: PhaseInput): Promise<PhaseRaw> {
  const triggers: Trigger[] = [];
  const deadline = Date.now() + input.phaseCapMs;
  for (const [i, issue] of input.issues.entries()) {
    if (Date.now() > deadline)
      return { name: 'sequential', workers: 1, triggers, timedOut: false, capped: true };
    triggers.push(await label(input.twins, issue.token, issue.issueNumber));
    const { timedOut } = await input.app.waitForTerminal(input.doneBefore + i + 1, input.perRunTimeoutMs);
    if (timedOut) return { name: 'sequential', workers: 1, triggers, timedOut, capped: true };
  }
  return { name: 'sequential', workers: 1, triggers, timedOut: false, capped: false };
}

/** Every issue labeled at once (the twin sends the deliveries one after another): throughput. */
export async function runBurst(input: PhaseInput, workers: number): Promise<PhaseRaw> {
  const triggers = await Promise.all(
    input.issues.map((issue) => label(input.twins, issue.token, issue.issueNumber)),
  );
  const { timedOut } = await input.app.waitForTerminal(
    input.doneBefore + input.issues.length,
    input.phaseCapMs * 1.5,
  );
  return { name: 'burst', workers, triggers, timedOut, capped: timedOut };
}
