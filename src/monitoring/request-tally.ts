/** One route's requests so far, and its failures by status. */
export interface RouteTally {
  readonly route: string;
  requests: number;
  readonly errors: Map<string, number>;
}

/**
 * Request counts per route as plain numbers, for a request path that must stay cheap: finding a route's tally
 * is two map lookups (method, then URL template) with nothing allocated, and counting is an addition. The
 * Prometheus counters read the tallies when scraped (see `createMetrics`).
 */
export class RequestTally {
  private readonly byMethod = new Map<string, Map<string, RouteTally>>();

  route(method: string, url: string): RouteTally {
    let byUrl = this.byMethod.get(method);
    if (!byUrl) {
      byUrl = new Map();
      this.byMethod.set(method, byUrl);
    }
    let tally = byUrl.get(url);
    if (!tally) {
      tally = { route: `${method} ${url}`, requests: 0, errors: new Map() };
      byUrl.set(url, tally);
    }
    return tally;
  }

  *routes(): IterableIterator<RouteTally> {
    for (const byUrl of this.byMethod.values()) yield* byUrl.values();
  }
}
