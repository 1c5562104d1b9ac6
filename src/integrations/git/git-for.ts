import { simpleGit, type SimpleGit } from 'simple-git';
import { gitEnv } from './git-env.js';

export type { SimpleGit };

export interface GitForOptions {
  /** Access token for the remote, sent as an auth header. */
  token?: string | undefined;
  /** Extra `key=value` config for these commands only (e.g. the commit identity). */
  config?: ReadonlyArray<[string, string]>;
}

/**
 * A simple-git instance for `dir` with the scrubbed, hardened environment. simple-git guards the
 * hardening keys by default; we set them only to safe values, so those guards are lifted.
 */
export function gitFor(dir: string, options: GitForOptions = {}): SimpleGit {
  const env = gitEnv(options.token, options.config);
  return simpleGit({
    baseDir: dir,
    allowEnvironment: Object.keys(env).filter((name) => name.startsWith('GIT_') || name === 'SSH_ASKPASS'),
    unsafe: {
      allowUnsafeConfigEnvCount: true,
      allowUnsafeHooksPath: true,
      allowUnsafeFsMonitor: true,
      allowUnsafeCredentialHelper: true,
      allowUnsafeAskPass: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeProtocolOverride: true,
    },
  }).env(env);
}
