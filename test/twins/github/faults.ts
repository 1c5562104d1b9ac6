export type FaultStatus = 500 | 502 | 403 | 404 | 429;

export interface FaultRule {
  method?: string;
  /** A path template (`/repos/{owner}/{repo}/issues/{issue_number}/comments`) or a RegExp on the path. */
  path: string | RegExp;
  /** The error to answer with; leave it out for a slow but otherwise normal answer. */
  status?: FaultStatus;
  /** How many matching requests are affected (default 1). */
  count?: number;
  /** Seconds for the `retry-after` header. */
  retryAfter?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** With status 403: answer as GitHub's secondary rate limit. */
  secondaryRateLimit?: boolean;
}

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface FaultHit {
  delayMs: number;
  answer: FaultAnswer | null;
}

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp;
  remaining: number;
}

const DOCS = 'https://docs.github.com/rest';

function templatePattern(path: string | RegExp): RegExp {
  if (path instanceof RegExp) return path;
  const escaped = path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}

function answerFor(rule: FaultRule): FaultAnswer | null {
  if (rule.status === undefined) return null;
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
  switch (rule.status) {
    case 403:
      if (rule.secondaryRateLimit) {
        headers['retry-after'] ??= '60';
        return {
          status: 403,
          headers,
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID TWIN:0001.',
            documentation_url:
              'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '403',
          },
        };
      }
      return {
        status: 403,
        headers,
        body: { message: 'Resource not accessible by integration', documentation_url: DOCS },
      };
    case 429: {
      headers['x-ratelimit-limit'] = '5000';
      headers['x-ratelimit-remaining'] = '0';
      headers['x-ratelimit-used'] = '5000';
      headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + (rule.retryAfter ?? 60));
      headers['x-ratelimit-resource'] = 'core';
      return { status: 429, headers, body: { message: 'API rate limit exceeded', documentation_url: DOCS } };
    }
    case 404:
      return { status: 404, headers, body: { message: 'Not Found', documentation_url: DOCS } };
    case 500:
      return { status: 500, headers, body: { message: 'Server Error' } };
    case 502:
      return { status: 502, headers, body: { message: 'Server Error' } };
  }
}

/** Injected failures and slow answers, consumed by matching requests in the order they were added. */
export class FaultInjector {
  private readonly rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, pattern: templatePattern(rule.path), remaining: rule.count ?? 1 });
  }

  take(method: string, pathname: string): FaultHit | null {
    const index = this.rules.findIndex(
      (r) => (!r.rule.method || r.rule.method.toUpperCase() === method) && r.pattern.test(pathname),
    );
    const active = this.rules[index];
    if (!active) return null;
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(index, 1);
    return { delayMs: active.rule.delayMs ?? 0, answer: answerFor(active.rule) };
  }
}
