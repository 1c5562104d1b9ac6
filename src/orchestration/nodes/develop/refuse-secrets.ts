import { describeFindings, type SecretFinding } from '../../../integrations/secrets/index.js';
import { RunFailedError } from '../../errors.js';
import type { NodeContext } from '../../node-context.js';

/**
 * Stops the round before anything leaves when a scan found suspected secrets: an event with the findings (place,
 * line, rule, redacted prefix) and a run failure saying what was held back. A secret is never handed back to the
 * agent to retry: an agent steered into leaking would only learn which encoding passes.
 */
export async function refuseSecrets(
  ctx: NodeContext,
  findings: readonly SecretFinding[],
  what: string,
): Promise<void> {
  if (findings.length === 0) return;
  const list = describeFindings(findings);
  await ctx.emit('secret_blocked', `push blocked: possible secrets in ${list}`, { findings });
  throw new RunFailedError(
    `The push was blocked because ${what} seems to contain secrets: ${list}. ` +
      'Nothing was pushed and no pull request was opened or updated.',
  );
}
