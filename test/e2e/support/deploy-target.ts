import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REPO, MAINTAINER, type Harness } from '../harness.js';

/** One deploy the target received: the form fields the deploy script posted. */
export type ReceivedDeploy = Record<string, string>;

/**
 * A stand-in for where a repository deploys to: a real HTTP server the deploy script (run by the worker, in its
 * sandbox, with network) posts to, and whose `/health` answers 200 unless the version deployed last is `unhealthy`.
 */
export class DeployTarget {
  readonly deploys: ReceivedDeploy[] = [];
  readonly healthChecks: number[] = [];

  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  static async start(): Promise<DeployTarget> {
    const target = new DeployTarget();
    await new Promise<void>((resolve) => target.server.listen(0, '127.0.0.1', resolve));
    return target;
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    if (req.method === 'POST' && req.url === '/deploy') {
      this.deploys.push(Object.fromEntries(new URLSearchParams(body)));
      res.writeHead(200).end('ok\n');
      return;
    }
    if (req.url === '/health') {
      const healthy = this.deploys.at(-1)?.['version'] !== 'unhealthy';
      const status = healthy ? 200 : 503;
      this.healthChecks.push(status);
      res.writeHead(status).end(healthy ? 'ok\n' : 'down\n');
      return;
    }
    res.writeHead(404).end();
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The deployed versions, in order. */
  versions(): string[] {
    return this.deploys.map((d) => d['version'] ?? '');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * The deploy script of the repositories under test: fails like a broken build for version `broken-build`,
 * prints its token (so masking is tested, not assumed), and posts the version, SHA and the variables it sees.
 */
export const DEPLOY_SCRIPT = [
  'set -eu',
  'target="$1"',
  'version=$(cat VERSION)',
  'echo "deploying $version with token ${DEPLOY_TOKEN:-<none>}"',
  'if [ "$version" = "broken-build" ]; then',
  '  echo "Error: Cannot find module ./config/production.json required by src/server.js" >&2',
  '  exit 1',
  'fi',
  'curl -fsS -X POST "$target/deploy" --data-urlencode "version=$version" --data-urlencode "sha=$PIPELINE_SHA" \\',
  '  --data-urlencode "token=${DEPLOY_TOKEN:-}" --data-urlencode "notGranted=${NOT_GRANTED:-}"',
  'echo "deployed $version"',
  '',
].join('\n');

/** `.github/pipeline.yml` deploying with `deploy.sh` to `target`, with a health check that gives up quickly. */
export function commandDeployConfig(target: DeployTarget): string {
  return [
    'deploy:',
    '  environment: production',
    `  command: sh deploy.sh ${target.url}`,
    '  environment_url: https://widgets.example.com',
    `  health_url: ${target.url}/health`,
    '  health: { retries: 3, backoff_seconds: 0.1, timeout_seconds: 10 }',
    '',
  ].join('\n');
}

type Change = { branch: string; title: string; files: Record<string, string> };

/** Commits `files` on a new branch and opens a PR into the default branch; its number. */
export async function openChange(h: Harness, change: Change): Promise<number> {
  await h.github.commitFiles(REPO, {
    branch: change.branch,
    files: change.files,
    message: change.title,
    by: MAINTAINER,
  });
  const { number } = await h.github.openPullRequest(REPO, {
    head: change.branch,
    title: change.title,
    by: MAINTAINER,
  });
  return number;
}

/** Commits `files` on a new branch, opens a PR into the default branch and merges it; the merge's SHA. */
export async function mergeChange(h: Harness, change: Change): Promise<{ prNumber: number; sha: string }> {
  const prNumber = await openChange(h, change);
  const { sha } = await h.github.mergePullRequest(REPO, prNumber, { by: MAINTAINER });
  return { prNumber, sha };
}

/**
 * Merges a release (a branch that sets `VERSION`) and waits for the deploy run the merge starts to end; the
 * merge's PR number and SHA, and that run.
 */
export async function deployRelease(h: Harness, release: { branch: string; version: string }) {
  const merged = await mergeChange(h, {
    branch: release.branch,
    title: `Release ${release.version}`,
    files: { VERSION: `${release.version}\n` },
  });
  const run = await h.waitForRun(merged.prNumber, ['succeeded', 'failed', 'cancelled'], 60_000);
  return { ...merged, run };
}
