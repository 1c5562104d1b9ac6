import type { RepoConfig } from '../config/repo-config.js';
import type { Sandbox } from '../integrations/sandbox/index.js';

/** The network part of a sandboxed command. */
export interface CommandNetwork {
  allowNetwork: boolean;
  egressAllow: readonly string[] | undefined;
  egressAllowPublic: readonly string[] | undefined;
}

/**
 * What a repository's command may reach: the whole network with `allow_network: true`; with `offline`, nothing;
 * otherwise the worker's list (the package registries and PIPELINE_EGRESS_ALLOW) plus the repo's `network.allow`
 * (public addresses only: a repository's file must not reach the worker's own services), through the egress proxy.
 */
export function commandNetwork(
  sandbox: Pick<Sandbox, 'egressAllow'>,
  config: RepoConfig,
  options: { offline?: boolean } = {},
): CommandNetwork {
  const none = { egressAllow: undefined, egressAllowPublic: undefined };
  if (options.offline) return { allowNetwork: false, ...none };
  if (config.allow_network) return { allowNetwork: true, ...none };
  return { allowNetwork: false, egressAllow: sandbox.egressAllow, egressAllowPublic: config.network.allow };
}

/** How the run's command events describe a command's network. */
export function describeNetwork(network: CommandNetwork): 'none' | 'allow-list' | 'full' {
  return network.allowNetwork ? 'full' : network.egressAllow ? 'allow-list' : 'none';
}
