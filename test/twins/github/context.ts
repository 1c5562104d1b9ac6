import type { TwinState, UserRecord } from './state.js';

/** The GitHub App the twin plays host to; its credentials are generated when the twin starts. */
export interface AppInfo {
  appId: number;
  slug: string;
  name: string;
  owner: UserRecord;
  /** The app's bot user, `<slug>[bot]`: the author of everything the app does with an installation token. */
  botUser: UserRecord;
  privateKey: string;
  publicKey: string;
  webhookSecret: string;
  clientId: string;
  clientSecret: string;
}

/** What serializers and domain operations need: the records, the base URL and the app. */
export interface TwinContext {
  state: TwinState;
  baseUrl: string;
  app: AppInfo;
}

export function apiUrl(ctx: TwinContext, path: string): string {
  return `${ctx.baseUrl}${path}`;
}

export function htmlUrl(ctx: TwinContext, path: string): string {
  return `${ctx.baseUrl}${path}`;
}

/** A GraphQL-style global node id, e.g. `PR_kwDOAAA…`. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`twin:${prefix}:${id}`).toString('base64url')}`;
}
