import { createHash } from 'node:crypto';
import { REPO } from '../harness.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** A token that may steer runs of the harness's repository, and one that may only read them. */
export const WRITE_TOKEN = 'mcp-write-token-0123456789';
export const READ_TOKEN = 'mcp-read-token-0123456789';
/** A write token meant for another server's `/mcp` (its audience). */
export const ELSEWHERE_TOKEN = 'mcp-elsewhere-token-0123456789';

/** `PIPELINE_API_TOKENS` with both, for the harness's `env`. */
export const mcpTokensEnv = (): Record<string, string> => ({
  PIPELINE_API_TOKENS: JSON.stringify([
    { name: 'claude', sha256: sha256(WRITE_TOKEN), access: 'write', repos: [REPO] },
    { name: 'viewer', sha256: sha256(READ_TOKEN), access: 'read', repos: [REPO] },
    {
      name: 'elsewhere',
      sha256: sha256(ELSEWHERE_TOKEN),
      access: 'write',
      repos: [REPO],
      audience: ['https://pipeline.other.example/mcp'],
    },
  ]),
});
