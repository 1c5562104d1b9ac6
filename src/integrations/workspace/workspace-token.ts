import type { Workspace } from './types.js';

/** The token a workspace was cloned with, kept out of the object so logging a workspace never shows it. */
const tokens = new WeakMap<Workspace, string>();

export function rememberToken(ws: Workspace, token: string): void {
  tokens.set(ws, token);
}

export function tokenOf(ws: Workspace): string | undefined {
  return tokens.get(ws);
}
