const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * NO_PROXY inside the sandbox: its loopback is its own (servers a test suite starts there stay reachable
 * directly), unless the allow-list names a loopback host, e.g. a registry mirror on the worker's host; then
 * that name goes through the proxy, which reaches the worker's loopback.
 */
export function sandboxNoProxy(allow: readonly string[]): string {
  const allowedHosts = new Set(
    allow.map((entry) => {
      const trimmed = entry.trim().toLowerCase();
      return /^([^:]+):\d+$/.exec(trimmed)?.[1] ?? trimmed;
    }),
  );
  return LOOPBACK_NAMES.filter((name) => !allowedHosts.has(name)).join(',');
}
