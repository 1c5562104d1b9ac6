import type { ReadinessCheck } from '../api/check-readiness.js';
import { SANDBOX_FIX, type Sandbox } from '../integrations/sandbox/index.js';

/** /readyz of a worker: down while its sandbox cannot isolate commands (they are refused), with the fix. */
export function sandboxReadinessCheck(sandbox: Sandbox): ReadinessCheck {
  return {
    name: 'sandbox',
    run() {
      const { status } = sandbox;
      if (status.state === 'isolated') return Promise.resolve({ up: true });
      if (status.state === 'unsafe') return Promise.resolve({ up: true, note: status.note });
      return Promise.resolve({
        up: false,
        reason: `${status.reason}, so agent commands are refused. ${SANDBOX_FIX}`,
        detail: status.detail,
      });
    },
  };
}
