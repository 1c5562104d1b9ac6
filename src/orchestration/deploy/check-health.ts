import type { DeployConfig } from '../../config/deploy-config.js';
import type { NodeContext } from '../node-context.js';

export type HealthResult = { passed: boolean; summary: string };

/**
 * The health gate: asks `url` until it answers the expected status, at most `retries` times, waiting
 * `backoff_seconds` before the first retry and doubling, all within `timeout_seconds`. Each check is an event.
 */
export async function checkHealth(
  ctx: NodeContext,
  url: string,
  health: DeployConfig['health'],
): Promise<HealthResult> {
  const deadline = Date.now() + health.timeout_seconds * 1000;
  let waitMs = health.backoff_seconds * 1000;
  let last = 'no check was made';
  for (let attempt = 1; attempt <= health.retries; attempt++) {
    const leftMs = deadline - Date.now();
    if (leftMs <= 0) break;
    const { status, problem } = await probe(url, Math.min(leftMs, 30_000), ctx.signal);
    const passed = status === health.expected_status;
    last = status === null ? `${problem}` : `answered ${status}`;
    await ctx.emit('health_checked', `health check ${attempt}: ${url} ${last}`, {
      url,
      attempt,
      status,
      passed,
      ...(problem ? { problem } : {}),
    });
    if (passed) return { passed, summary: `${url} answered ${status}.` };
    if (attempt < health.retries && Date.now() + waitMs < deadline) {
      await sleep(waitMs, ctx.signal);
      waitMs *= 2;
    }
  }
  return {
    passed: false,
    summary: `The health check failed: ${url} ${last} (expected ${health.expected_status}).`,
  };
}

async function probe(
  url: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ status: number | null; problem?: string }> {
  try {
    const response = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    if (signal.aborted) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      status: null,
      problem: `did not answer (${error instanceof Error ? error.message : String(error)}${cause})`,
    };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });
}
