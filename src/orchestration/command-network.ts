import type { RepoConfig } from '../config/repo-config.js';
import type { Sandbox } from '../integrations/sandbox/index.js';

/** The network part of a sandboxed command. */
export interface CommandNetwork {
  allowNetwork: boolean;
  egressAllow: readonly string[] | undefined;
}

/**
 * What a repository's command may reach: the whole network with `allow_network: true`; with `offline`, nothing;
 * otherwise the worker's list (the package registries and PIPELINE_EGRESS_ALLOW) plus the repo's `network.allow`,
 * through the egress proxy.
 */
export function commandNetwork(
  sandbox: Pick<Sandbox, 'egressAllow'>,
  config: RepoConfig,
  options: { offline?: boolean } = {},
): CommandNetwork {
  if (options.offline) return { allowNetwork: false, egressAllow: undefined };
  if (config.allow_network) return { allowNetwork: true, egressAllow: undefined };
  return { allowNetwork: false, egressAllow: [...sandbox.egressAllow, ...config.network.allow] };
}

/** How the run's command events describe a command's network. */
export function describeNetwork(network: CommandNetwork): 'none' | 'allow-list' | 'full' {
  return network.allowNetwork ? 'full' : network.egressAllow ? 'allow-list' : 'none';
}
