import type { ServerStats } from './types.js';

/** The after-load integrity check: no acknowledged delivery lost, no run or job duplicated. */
export interface IntegrityCheck {
  ok: boolean;
  /** Deliveries sent, including warm-up and any cut off when a phase ended. */
  sent: number;
  acked: number;
  runs: number;
  distinctRunDeliveries: number;
  webhookDeliveries: number;
  jobs: number;
  /** Acknowledged deliveries without a run row. */
  lost: number;
  problems: string[];
}

export function checkIntegrity(
  stats: ServerStats,
  sent: number,
  ackedIds: readonly string[],
): IntegrityCheck {
  const perDelivery = new Map<string, number>();
  for (const id of stats.runDeliveryIds) perDelivery.set(id, (perDelivery.get(id) ?? 0) + 1);
  const lost = ackedIds.filter((id) => !perDelivery.has(id)).length;
  const q = stats.queue;
  const jobs = q.waiting + q.active + q.delayed + q.completed + q.failed;
  const problems: string[] = [];
  if (lost > 0) problems.push(`${lost} acknowledged deliveries have no run`);
  if (perDelivery.size !== stats.runs) problems.push(`${stats.runs - perDelivery.size} duplicated runs`);
  if (jobs !== stats.runs) problems.push(`${jobs} jobs for ${stats.runs} runs`);
  if (stats.webhookDeliveries !== stats.runs)
    problems.push(`${stats.webhookDeliveries} recorded deliveries for ${stats.runs} runs`);
  if (stats.runs > sent) problems.push(`${stats.runs} runs for ${sent} deliveries sent`);
  return {
    ok: problems.length === 0,
    sent,
    acked: ackedIds.length,
    runs: stats.runs,
    distinctRunDeliveries: perDelivery.size,
    webhookDeliveries: stats.webhookDeliveries,
    jobs,
    lost,
    problems,
  };
}
