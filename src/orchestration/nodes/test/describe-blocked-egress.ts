import type { BlockedRequest } from '../../../integrations/egress/index.js';

/** The check run's note on requests the egress proxy refused, so the user can widen the list; empty when none. */
export function describeBlockedEgress(blocked: readonly BlockedRequest[]): string {
  const targets = [...new Set(blocked.map((entry) => `${entry.host}:${entry.port}`))];
  if (targets.length === 0) return '';
  return [
    '**Blocked network requests:**',
    ...targets.map((target) => `- \`${target}\``),
    '',
    'Commands reach only the package registries and allowed hosts. If the tests need one of these, add it to ' +
      '`network.allow` in `.github/pipeline.yml` (e.g. `network: { allow: ["api.example.com"] }`).',
  ].join('\n');
}
