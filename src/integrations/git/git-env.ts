import { pickEnv } from '../../config/pick-env.js';

/** Host variables git may need (proxies, CA bundles); nothing else of the parent leaks into git. */
const INHERITED = [
  'PATH',
  'HOME',
  'LANG',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

/**
 * Config forced on every git command we run. The workspace is writable by sandboxed commands,
 * so its `.git/config` and hooks are untrusted: these override anything that would make git
 * execute code on the host.
 */
const HARDENING: ReadonlyArray<[string, string]> = [
  ['core.hooksPath', '/dev/null'],
  ['core.fsmonitor', 'false'],
  ['core.askPass', ''],
  ['credential.helper', ''],
  ['protocol.ext.allow', 'never'],
  ['commit.gpgsign', 'false'],
  ['tag.gpgsign', 'false'],
];

export function basicAuthValue(token: string): string {
  return Buffer.from(`x-access-token:${token}`).toString('base64');
}

/**
 * Environment for git: a scrubbed base plus config passed through `GIT_CONFIG_COUNT` variables,
 * so the token is neither in the remote URL, nor in `.git/config`, nor in any process's argv.
 */
export function gitEnv(
  token?: string,
  extraConfig: ReadonlyArray<[string, string]> = [],
): Record<string, string> {
  const config: Array<[string, string]> = [...HARDENING, ...extraConfig];
  if (token) config.push(['http.extraHeader', `Authorization: Basic ${basicAuthValue(token)}`]);
  const env: Record<string, string> = {
    ...pickEnv(INHERITED),
    GIT_TERMINAL_PROMPT: '0',
    // Only the repository's config and ours apply: no system or user config, no askpass program.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_CONFIG_COUNT: String(config.length),
  };
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
