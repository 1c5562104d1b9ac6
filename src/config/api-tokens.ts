import { z } from 'zod';

/** `owner/name`, or `owner/*` for every repository of an account. */
const repoScope = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+\/(\*|[A-Za-z0-9_.-]+)$/, 'must be `owner/name` or `owner/*`');

/**
 * One API token as the operator configures it: only the SHA-256 of the token is kept (so the setting is not a
 * secret that opens the API), with the repositories it reaches and whether it may steer runs.
 */
export const apiTokenSchema = z.object({
  /** Shown in the audit log as `api:<name>`. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, `_`, `.` and `-` only'),
  /** Hex SHA-256 of the token (`printf %s "$TOKEN" | sha256sum`). */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be the token’s hex SHA-256')
    .transform((s) => s.toLowerCase()),
  /** `read` sees runs; `write` also starts, approves, re-plans, cancels and retries them. */
  access: z.enum(['read', 'write']),
  repos: z.array(repoScope).min(1),
  /** The MCP servers (their `/mcp` URLs) this token is for; unset: any. A token meant for one app is refused by another. */
  audience: z.array(z.url()).min(1).optional(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** `PIPELINE_API_TOKENS`: a JSON array of tokens; unset means no token (the API then answers loopback only). */
export const apiTokensSetting = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of tokens' });
      return z.NEVER;
    }
  })
  .pipe(z.array(apiTokenSchema));

/** Whether a token's scopes reach `repoFullName`. */
export function tokenReaches(token: Pick<ApiToken, 'repos'>, repoFullName: string): boolean {
  const [owner] = repoFullName.split('/');
  return token.repos.some((scope) => scope === repoFullName || scope === `${owner}/*`);
}
