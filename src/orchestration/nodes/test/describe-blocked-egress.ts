import type { BlockedRequest } from '../../../integrations/egress/index.js';

/** The check run's note on requests the egress proxy refused, so the user can widen the list; empty when none. */
export function describeBlockedEgress(blocked: readonly BlockedRequest[]): string {
  const targets = new Map(blocked.map((entry) => [`${entry.host}:${entry.port}`, entry.reason]));
  if (targets.size === 0) return '';
  return [
    '**Blocked network requests:**',
    ...[...targets].map(
      ([target, reason]) =>
        `- \`${target}\`${reason === 'private-address' ? ' (a non-public address: only the operator can allow it, with PIPELINE_EGRESS_ALLOW)' : ''}`,
    ),
    '',
    'Commands reach only the package registries and allowed hosts. If the tests need one of these, add it to ' +
      '`network.allow` in `.github/pipeline.yml` (e.g. `network: { allow: ["api.example.com"] }`).',
  ].join('\n');
}
