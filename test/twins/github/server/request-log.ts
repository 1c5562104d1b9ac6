import type { IncomingMessage } from 'node:http';
import type { AppPermissions } from '../auth/app-permissions.js';
import type { InstallationTokens } from '../auth/installation-tokens.js';
import type { TwinState } from '../state.js';

/** What the installation token a request carried could reach and do. */
export interface TokenScopeView {
  /** Full names of the repositories it names, or `all` of its installation's. */
  repositories: string[] | 'all';
  permissions: AppPermissions;
}

/** One request the twin answered, in arrival order. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  /** The OpenAPI operationId, `graphql`, `git` or null for an unknown endpoint. */
  operationId: string | null;
  at: string;
  /** Set when the request carried an installation token (REST, GraphQL or git basic auth). */
  token?: TokenScopeView;
}

/** The scope of the installation token in `Authorization` (`token …`, `Bearer …` or git's basic auth). */
export function tokenScopeOf(
  req: IncomingMessage,
  tokens: InstallationTokens,
  state: TwinState,
): TokenScopeView | undefined {
  const header = req.headers.authorization ?? '';
  const basic = /^basic\s+(\S+)$/i.exec(header)?.[1];
  const credential = basic
    ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':')
    : /^(?:bearer|token)\s+(\S+)$/i.exec(header)?.[1];
  const issued = credential ? tokens.lookup(credential) : null;
  if (!issued) return undefined;
  const names = new Map([...state.repos.values()].map((r) => [r.id, r.fullName]));
  return {
    repositories: issued.repositoryIds?.map((id) => names.get(id) ?? String(id)) ?? 'all',
    permissions: issued.permissions,
  };
}
