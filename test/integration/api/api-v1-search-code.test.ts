import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../src/api/http-server.js';
import type { ApiV1Deps } from '../../../src/api/v1/api-v1-app.js';
import { createApiV1 } from '../../../src/api/v1/create-api-v1.js';
import { serveApiV1 } from '../../../src/api/v1/serve-api-v1.js';
import { startChroma, type RunningChroma } from '../../../src/codeindex/index.js';
import type { ApiToken } from '../../../src/config/api-tokens.js';
import { loadSettings } from '../../../src/config/settings.js';
import { serveMcpHttp, type McpHttp } from '../../../src/mcp/serve-mcp-http.js';
import { createMetrics } from '../../../src/monitoring/metrics.js';
import { createEventBus, createQueue, type EventBus, type RunQueue } from '../../../src/queue/index.js';
import { shareCodeSearch, type SharedCodeSearch } from '../../../src/runtime/share-code-search.js';
import { searchCodeFor } from '../../../src/runtime/start-web.js';
import { backendMatrix, type BackendInstance } from '../../support/backends.js';
import { processesWith } from '../../support/processes-with.js';
import { testLogger } from '../../support/test-logger.js';
import { GitFixture } from '../codeindex/git-fixture.js';
import { SAMPLE_FILES } from '../codeindex/sample-files.js';

const REPO = 'acme/widgets';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const READER = 'read-widgets-search-0123456789';
const ACME = 'read-acme-search-0123456789';
const STRANGER = 'read-other-search-0123456789';
const TOKENS: ApiToken[] = [
  { name: 'reader', sha256: sha256(READER), access: 'read', repos: [REPO] },
  { name: 'acme', sha256: sha256(ACME), access: 'read', repos: ['acme/*'] },
  { name: 'stranger', sha256: sha256(STRANGER), access: 'read', repos: ['other-org/*'] },
];
const LOGIN_ISSUE = 'Login accepts an empty password: validatePassword should reject it';

type Json = Record<string, unknown>;
const textOf = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

/** The API's own fetch, answering as if the request came from `remoteAddress` (as the web process wires MCP). */
const apiFetch = (deps: ApiV1Deps) => {
  const api = createApiV1(deps);
  return (request: Request, remoteAddress: string | undefined) =>
    Promise.resolve(api.fetch(request, { incoming: { socket: { remoteAddress } } }));
};

describe('searching a repository’s code index through the API and the MCP tool search_code', () => {
  let instance: BackendInstance;
  let queue: RunQueue;
  let bus: EventBus;
  let chroma: RunningChroma;
  let codeIndex: SharedCodeSearch;
  let repo: GitFixture;
  let commit: string;
  let server: Server;
  let mcp: McpHttp;
  let base: string;
  let deps: ApiV1Deps;
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    const embedded = backendMatrix().find((b) => b.name === 'embedded');
    if (!embedded) throw new Error('the embedded backend is always there');
    instance = await embedded.setup();
    bus = createEventBus({ logger: testLogger(), prefix: instance.prefix });
    queue = createQueue({ db: instance.db.pool, bus, logger: testLogger(), queueName: instance.queueName });
    // A Chroma server the app reaches at CHROMA_URL, as in a deployment with web and workers apart.
    chroma = await startChroma({ dataDir: tempDir('search-chroma-'), logger: testLogger() });
    const settings = loadSettings({
      CHROMA_URL: chroma.url,
      EMBEDDING_PROVIDER: 'local',
      PIPELINE_DATA_DIR: tempDir('search-data-'),
    });
    repo = new GitFixture(tempDir('search-repo-'));
    for (const [path, content] of Object.entries(SAMPLE_FILES)) repo.write(path, content);
    commit = repo.commit('initial');
    // Indexed the way a worker does it, through the process's one code index.
    codeIndex = shareCodeSearch(settings, testLogger());
    await (await codeIndex.open()).search.ensureIndexed(REPO, repo.dir, commit);

    deps = {
      db: instance.db.pool,
      queue,
      bus,
      tokens: TOKENS,
      rateLimit: { limit: 10_000, windowMs: 60_000 },
      logger: testLogger(),
      locateIssue: () => Promise.reject(new Error('these tests start no run')),
      searchCode: searchCodeFor(codeIndex),
    };
    mcp = serveMcpHttp({
      apiFetch: apiFetch(deps),
      tokens: TOKENS,
      publicUrl: undefined,
      allowedOrigins: [],
      logger: testLogger(),
    });
    server = createHttpServer({
      logger: testLogger(),
      metrics: createMetrics(),
      readiness: { checks: [] },
      routes: [serveApiV1(deps), mcp.route],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    await mcp?.close();
    await new Promise((resolve) => server?.close(resolve));
    await codeIndex?.close();
    await chroma?.stop();
    await queue?.close();
    await bus?.close();
    await instance?.cleanup();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function get(path: string, token?: string): Promise<{ status: number; type: string; body: Json }> {
    const response = await fetch(`${base}/api/v1${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Json,
    };
  }

  describe('GET /api/v1/repos/{owner}/{repo}/search', () => {
    it('answers the files an issue talks about, best first, with line ranges, scores and snippets', async () => {
      const answer = await get(`/repos/${REPO}/search?q=${encodeURIComponent(LOGIN_ISSUE)}&k=3`, READER);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ repo: REPO, commit });
      const hits = answer.body.hits as { path: string; startLine: number; score: number; snippet: string }[];
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThanOrEqual(3);
      expect(hits[0]).toMatchObject({ path: 'src/auth/login.ts', startLine: 1 });
      expect(hits[0]?.snippet).toContain('validatePassword');
      const scores = hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('follows a stack trace to the file it names', async () => {
      const trace =
        'panic: assignment to entry in nil map\n  at /home/ci/build/server/router.go:11 in Handle';
      const answer = await get(`/repos/${REPO}/search?q=${encodeURIComponent(trace)}`, ACME);
      expect(answer.status).toBe(200);
      expect((answer.body.hits as { path: string }[])[0]?.path).toBe('server/router.go');
    });

    it('is described in the OpenAPI document with its problem answers', async () => {
      const doc = await get('/openapi.json');
      const paths = doc.body.paths as Record<string, { get?: { responses: Record<string, unknown> } }>;
      const route = paths['/api/v1/repos/{owner}/{repo}/search']?.get;
      expect(Object.keys(route?.responses ?? {}).sort()).toEqual(
        ['200', '400', '401', '403', '404', '429', '503'].sort(),
      );
    });

    it('refuses a token that does not reach the repository, and a caller without a token', async () => {
      const refused = await get(`/repos/${REPO}/search?q=login`, STRANGER);
      expect(refused.status).toBe(403);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body.detail).toBe(`This token does not reach ${REPO}.`);
      // A repository-scoped token does not reach its owner's other repositories either.
      expect((await get('/repos/acme/gadgets/search?q=login', READER)).status).toBe(403);
      expect((await get(`/repos/${REPO}/search?q=login`)).status).toBe(401);
    });

    it.each([
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      ['', 'q'],
      ['q=login&k=0', 'k'],
      ['q=login&k=21', 'k'],
      ['q=login&k=many', 'k'],
    ])('?%s is 400 problem details naming %s', async (query, field) => {
      const answer = await get(`/repos/${REPO}/search?${query}`, READER);
      expect(answer.status).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(String(answer.body.detail)).toMatch(new RegExp(`^${field}: `));
    });

    it('says a repository was never indexed, and when it will be', async () => {
      const answer = await get('/repos/acme/gadgets/search?q=login', ACME);
      expect(answer.status).toBe(404);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.detail).toContain('acme/gadgets has no code index yet');
    });

    it('answers 503 saying why when the process has no code index', async () => {
      const off = apiFetch({ ...deps, searchCode: undefined });
      const response = await off(
        new Request(`${base}/api/v1/repos/${REPO}/search?q=login`, {
          headers: { authorization: `Bearer ${READER}` },
        }),
        '127.0.0.1',
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({
        status: 503,
        title: 'Service Unavailable',
        detail: 'The code index is off (PIPELINE_CODE_INDEX=off).',
      });
    });
  });

  describe('the MCP tool search_code over Streamable HTTP', () => {
    async function connect(token: string): Promise<Client> {
      const client = new Client({ name: 'search-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      return client;
    }

    it('is listed, and answers structured hits from the code index', async () => {
      const client = await connect(READER);
      try {
        const { tools } = await client.listTools();
        const tool = tools.find((t) => t.name === 'search_code');
        expect(tool?.annotations?.readOnlyHint).toBe(true);
        expect(Object.keys(tool?.outputSchema?.properties ?? {}).sort()).toEqual(['commit', 'hits', 'repo']);
        const result = (await client.callTool({
          name: 'search_code',
          arguments: { repo: REPO, query: LOGIN_ISSUE, k: 2 },
        })) as CallToolResult;
        expect(result.isError, textOf(result)).toBeFalsy();
        const found = result.structuredContent as { repo: string; commit: string; hits: Json[] };
        expect(found).toMatchObject({ repo: REPO, commit });
        expect(found.hits.length).toBeLessThanOrEqual(2);
        expect(found.hits[0]).toMatchObject({ path: 'src/auth/login.ts', startLine: 1 });
        expect(textOf(result)).toContain('src/auth/login.ts:1-');
      } finally {
        await client.close();
      }
    });

    it('turns bad arguments, a refusal and an unindexed repository into tool errors that say so', async () => {
      const client = await connect(READER);
      try {
        const call = async (args: Json) =>
          (await client.callTool({ name: 'search_code', arguments: args })) as CallToolResult;
        const tooMany = await call({ repo: REPO, query: 'login', k: 21 });
        expect(tooMany.isError).toBe(true);
        expect(textOf(tooMany)).toContain('k');
        for (const repo of ['widgets', '../widgets', 'acme/..', 'acme/widgets/search']) {
          const badRepo = await call({ repo, query: 'login' });
          expect(badRepo.isError, repo).toBe(true);
          expect(textOf(badRepo)).toContain('repo must be owner/name');
        }
        const empty = await call({ repo: REPO, query: '   ' });
        expect(empty.isError).toBe(true);
        expect(textOf(empty)).toContain('query must not be empty');
        const refused = await call({ repo: 'acme/gadgets', query: 'login' });
        expect(refused.isError).toBe(true);
        expect(textOf(refused)).toBe('Refused: This token does not reach acme/gadgets.');
      } finally {
        await client.close();
      }
      const acme = await connect(ACME);
      try {
        const unindexed = (await acme.callTool({
          name: 'search_code',
          arguments: { repo: 'acme/gadgets', query: 'login' },
        })) as CallToolResult;
        expect(unindexed.isError).toBe(true);
        expect(textOf(unindexed)).toContain('Not found: acme/gadgets has no code index yet');
      } finally {
        await acme.close();
      }
    });
  });
});

describe('the code index of a web and a worker in one process', () => {
  it('is opened once, on first use, and shared: one embedded Chroma', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'search-embedded-'));
    const settings = loadSettings({ EMBEDDING_PROVIDER: 'local', PIPELINE_DATA_DIR: dataDir });
    const shared = shareCodeSearch(settings, testLogger());
    try {
      const search = searchCodeFor(shared);
      if (!search || 'unavailable' in search) throw new Error('expected a code search');
      // The web process holds the search, and has started nothing yet.
      expect(await processesWith(dataDir)).toHaveLength(0);
      const [web, worker] = await Promise.all([search(REPO, 'login', 3), shared.open()]);
      expect(web).toEqual({ repoFullName: REPO, commit: undefined, hits: [], tokens: 0 });
      expect(await shared.open()).toBe(worker);
      expect(await processesWith(dataDir)).toHaveLength(1);
      await search(REPO, 'password', 3);
      expect(await processesWith(dataDir)).toHaveLength(1);
    } finally {
      await shared.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(await processesWith(dataDir)).toHaveLength(0);
  }, 120_000);
});
