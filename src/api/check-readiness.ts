/** One component as /readyz reports it: up (maybe with a note), or down with a plain reason and the raw cause. */
export type ComponentState = { up: true; note?: string } | { up: false; reason: string; detail?: string };

/** A component /readyz checks. `run` resolves (with nothing, or a state) or rejects with the raw error. */
export type ReadinessCheck = { name: string; run(): Promise<ComponentState | void> };

export type ComponentReport = { name: string } & ComponentState;
export type ReadinessReport = { ready: boolean; components: ComponentReport[] };

/**
 * Runs every check at once. A check that rejects is `not answering`, one that takes longer than `timeoutMs`
 * is `not answering within N s`; either way the raw error text stays in `detail`, never in `reason`.
 */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
): Promise<ReadinessReport> {
  const components = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
  return { ready: components.every((c) => c.up), components };
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<ComponentReport> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ComponentState>((resolve) => {
    timer = setTimeout(
      () => resolve({ up: false, reason: `not answering within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
  });
  const answered = check.run().then(
    (state): ComponentState => state ?? { up: true },
    (error: unknown): ComponentState => ({
      up: false,
      reason: 'not answering',
      detail: error instanceof Error ? error.message : String(error),
    }),
  );
  try {
    return { name: check.name, ...(await Promise.race([answered, timedOut])) };
  } finally {
    clearTimeout(timer);
  }
}
