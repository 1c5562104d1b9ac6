/** Ports an entry without `:port` allows: plain HTTP and HTTPS. */
const WEB_PORTS = [80, 443];

interface AllowEntry {
  /** Lower-case host, or the suffix (with its leading dot) of a `*.` entry. */
  host: string;
  wildcard: boolean;
  ports: readonly number[];
}

/** Whether a host and port may be reached. */
export type AllowListMatcher = (host: string, port: number) => boolean;

/**
 * Compiles allow-list entries: `host` or `host:port`, exact, or `*.example.org` for every subdomain of
 * example.org (not example.org itself). Without a port an entry allows 80 and 443 only, so a registry's name
 * does not open its other services. Names compare without case and without a trailing dot.
 */
export function matchAllowList(entries: readonly string[]): AllowListMatcher {
  const compiled = entries.map(compileEntry);
  return (host, port) => {
    const name = normalizeHost(host);
    return compiled.some(
      (entry) =>
        entry.ports.includes(port) &&
        (entry.wildcard ? name.endsWith(entry.host) && name.length > entry.host.length : name === entry.host),
    );
  };
}

function compileEntry(entry: string): AllowEntry {
  const match = /^(\*\.)?(.+?)(?::(\d{1,5}))?$/.exec(entry.trim());
  if (!match?.[2]) throw new Error(`not a host allow-list entry: "${entry}"`);
  const host = normalizeHost(match[2]);
  return {
    host: match[1] ? `.${host}` : host,
    wildcard: Boolean(match[1]),
    ports: match[3] ? [Number(match[3])] : WEB_PORTS,
  };
}

function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}
