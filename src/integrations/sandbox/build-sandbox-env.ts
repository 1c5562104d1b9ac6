import { dirname } from 'node:path';
import { pickEnv } from '../../config/pick-env.js';

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface SandboxEnvInput {
  home: string;
  inheritEnv?: readonly string[] | undefined;
  extra?: Record<string, string> | undefined;
}

/**
 * The whole environment a sandboxed command sees: a tiny fixed base, the explicitly inherited names,
 * then the caller's extras. Nothing else from the parent process gets through.
 */
export function buildSandboxEnv({
  home,
  inheritEnv = [],
  extra = {},
}: SandboxEnvInput): Record<string, string> {
  return {
    PATH: `${dirname(process.execPath)}:${SYSTEM_PATH}`,
    LANG: 'C.UTF-8',
    HOME: home,
    TERM: 'dumb',
    CI: 'true',
    ...pickEnv(inheritEnv),
    ...extra,
  };
}
