import type { SandboxResult } from '../integrations/sandbox/index.js';
import type { NodeContext } from './node-context.js';

/**
 * One `egress_blocked` event per command whose requests the egress proxy refused, naming the hosts, so a user
 * can add the ones it needs to `network.allow`.
 */
export async function reportBlockedEgress(
  ctx: Pick<NodeContext, 'emit'>,
  command: string,
  result: SandboxResult,
): Promise<void> {
  const blocked = result.egress?.blocked ?? [];
  if (blocked.length === 0) return;
  const targets = blocked.map((entry) => `${entry.host}:${entry.port}`);
  await ctx.emit(
    'egress_blocked',
    `\`${command}\` was refused network access to ${[...new Set(targets)].join(', ')} (not on network.allow)`,
    { command, blocked },
  );
}
