import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCodeIndex,
  createEmbedder,
  startChroma,
  type CodeIndex,
  type RunningChroma,
} from '../../../src/codeindex/index.js';
import { collectionName } from '../../../src/codeindex/collections/collection-name.js';
import { testLogger } from '../../support/test-logger.js';
import { GitFixture } from './git-fixture.js';
import { SAMPLE_FILES } from './sample-files.js';

const REPO = 'acme/widgets';

describe('code index on a real Chroma server', () => {
  let dataDir: string;
  let chroma: RunningChroma;
  let index: CodeIndex;
  let repo: GitFixture;
  let first: string;
  let firstChunks = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'codeindex-data-'));
    chroma = await startChroma({ dataDir, logger: testLogger() });
    index = createCodeIndex({
      chroma,
      embedder: createEmbedder({ provider: 'local' }),
      logger: testLogger(),
    });
    repo = new GitFixture(mkdtempSync(join(tmpdir(), 'codeindex-repo-')));
    for (const [path, content] of Object.entries(SAMPLE_FILES)) repo.write(path, content);
    repo.write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    repo.write('assets/blob.dat', Buffer.from([1, 2, 0, 3]));
    repo.write('.gitignore', 'secret.env\n');
    repo.write('secret.env', 'TOKEN=abc\n');
    first = repo.commit('initial');
  });

  afterAll(async () => {
    await chroma?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(repo.dir, { recursive: true, force: true });
  });

  describe('a first index of a repository', () => {
    it('embeds tracked source files and skips vendored, lock, binary and ignored files', async () => {
      expect(await index.isStale(REPO, first)).toBe(true);
      const stats = await index.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: first });
      expect(stats.filesTracked).toBe(13);
      expect(stats.filesEmbedded).toBe(8);
      expect(stats.filesRemoved).toBe(0);
      expect(stats.filesSkipped).toEqual({ vendored: 2, lockfile: 1, binary: 2 });
      expect(stats.chunksUpserted).toBeGreaterThanOrEqual(8);
      firstChunks = stats.chunksUpserted;
      expect(await index.isStale(REPO, first)).toBe(false);
    });

    it('finds the function an issue talks about, with its line range', async () => {
      const result = await index.searchCode(
        REPO,
        'Login accepts an empty password: validatePassword should reject it',
        { k: 3 },
      );
      expect(result.hits[0]).toMatchObject({ path: 'src/auth/login.ts', startLine: 1 });
      expect(result.hits[0]?.snippet).toContain('validatePassword');
      expect(new Set(result.hits.map((h) => h.path)).size).toBe(result.hits.length);
    });

    it('follows a stack trace to the file it names', async () => {
      const trace =
        'panic: assignment to entry in nil map\n  at /home/ci/build/server/router.go:11 in Handle';
      const result = await index.searchCode(REPO, trace, { k: 3 });
      expect(result.hits[0]?.path).toBe('server/router.go');
    });

    it('finds code in Python, Java, Rust and Markdown by what it does', async () => {
      expect(
        (await index.searchCode(REPO, 'invoice total is wrong when tax rate applies', { k: 1 })).hits[0]
          ?.path,
      ).toBe('billing/invoice.py');
      expect(
        (await index.searchCode(REPO, 'LRU cache evicts the eldest entry too early', { k: 1 })).hits[0]?.path,
      ).toBe('cache/LruCache.java');
      expect(
        (await index.searchCode(REPO, 'tokenize expression crashes on plus', { k: 1 })).hits[0]?.path,
      ).toBe('parser/tokens.rs');
      const docs = await index.searchCode(REPO, 'how do we roll back a blue-green deployment', { k: 1 });
      expect(docs.hits[0]).toMatchObject({ path: 'docs/guide.md', symbol: 'Deployment' });
    });

    it('keeps snippets within the token budget', async () => {
      const result = await index.searchCode(REPO, 'password session token router invoice cache', {
        k: 6,
        tokenBudget: 60,
      });
      expect(result.tokens).toBeLessThanOrEqual(60);
      expect(result.hits.length).toBeGreaterThan(1);
    });

    it('lands every chunk when written in many small batches with several writes in flight', async () => {
      const batched = 'acme/widgets-batched';
      const stats = await index.indexRepository({
        repoDir: repo.dir,
        repoFullName: batched,
        commit: first,
        batchSize: 2,
        writesInFlight: 3,
      });
      expect(stats.chunksUpserted).toBe(firstChunks);
      // The same chunks (path, lines, blob, symbols, text) as the index written in one go. (Search results are
      // not compared whole: near-tied hits at the end of a list may change places with the vector index's
      // insertion order.)
      const chunks = async (name: string): Promise<string[]> => {
        const stored = await chroma.client.getCollection({ name: collectionName('code', name) });
        const all = await stored.get({ include: ['documents', 'metadatas'] });
        return all.documents
          .map((text, i) => {
            const m = all.metadatas[i];
            return JSON.stringify([m?.path, m?.start_line, m?.end_line, m?.blob_sha, m?.symbol, text]);
          })
          .sort();
      };
      const batchedChunks = await chunks(batched);
      expect(batchedChunks).toHaveLength(firstChunks);
      expect(batchedChunks).toEqual(await chunks(REPO));
      const query = 'Login accepts an empty password: validatePassword should reject it';
      const top = async (name: string): Promise<unknown> =>
        (await index.searchCode(name, query, { k: 5 })).hits.slice(0, 1).map((h) => [h.path, h.startLine]);
      expect(await top(batched)).toEqual(await top(REPO));
    });
  });

  describe('after two files change and one is deleted', () => {
    it('re-embeds exactly the changed files and removes the deleted one', async () => {
      repo.write(
        'src/auth/hash.ts',
        'export function hash(text: string): string {\n  return `sha:${text.length}`;\n}\n',
      );
      repo.write(
        'server/router.go',
        `${SAMPLE_FILES['server/router.go']}\nfunc (r *Router) ServeWebsocketUpgrade() {}\n`,
      );
      repo.remove('cache/LruCache.java');
      const second = repo.commit('change two, delete one');
      expect(await index.isStale(REPO, second)).toBe(true);

      const stats = await index.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: second });
      expect(stats).toMatchObject({
        filesEmbedded: 2,
        filesRemoved: 1,
        filesUnchanged: 5,
        modelChanged: false,
      });

      const upgrade = await index.searchCode(REPO, 'ServeWebsocketUpgrade', { k: 1 });
      expect(upgrade.hits[0]?.path).toBe('server/router.go');
      const evicted = await index.searchCode(REPO, 'LRU cache removeEldestEntry capacity', { k: 8 });
      expect(evicted.hits.map((h) => h.path)).not.toContain('cache/LruCache.java');
    });

    it('does nothing on a second pass at the same commit', async () => {
      const stats = await index.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: 'HEAD' });
      expect(stats).toMatchObject({
        filesEmbedded: 0,
        filesRemoved: 0,
        filesUnchanged: 7,
        chunksUpserted: 0,
      });
    });
  });

  describe('when the embedding model changes', () => {
    it('rebuilds the collection with the new model', async () => {
      const other = createCodeIndex({
        chroma,
        embedder: createEmbedder({ provider: 'local', localDimensions: 256 }),
        logger: testLogger(),
      });
      const head = repo.git('rev-parse', 'HEAD');
      expect(await other.isStale(REPO, head)).toBe(true);
      const stats = await other.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: head });
      expect(stats).toMatchObject({ modelChanged: true, filesEmbedded: 7, filesUnchanged: 0 });
      expect((await other.searchCode(REPO, 'validatePassword', { k: 1 })).hits[0]?.path).toBe(
        'src/auth/login.ts',
      );
    });
  });

  describe('run memory', () => {
    it('recalls the past run most like a new issue, for the same repository only', async () => {
      await index.rememberRun({
        repoFullName: REPO,
        issueTitle: 'Invoice totals ignore the discount',
        issueBody: 'apply_discount is never called from InvoiceCalculator.total',
        plan: 'Call apply_discount in total()',
        outcome: 'tests failed: rounding of Decimal discounts',
        feedback: 'quantize to two places before comparing',
        filesChanged: ['billing/invoice.py'],
      });
      await index.rememberRun({
        repoFullName: REPO,
        issueTitle: 'Router panics on nil map',
        plan: 'Initialise routes in NewRouter',
        outcome: 'merged',
        filesChanged: ['server/router.go'],
      });
      await index.rememberRun({
        repoFullName: 'other/repo',
        issueTitle: 'Invoice discount rounding',
        plan: 'x',
        outcome: 'merged',
      });
      const recalled = await index.recallSimilarRuns(REPO, 'Discount is applied twice on invoice totals', 2);
      expect(recalled).toHaveLength(2);
      expect(recalled[0]).toMatchObject({
        issueTitle: 'Invoice totals ignore the discount',
        filesChanged: ['billing/invoice.py'],
      });
      expect(recalled[0]?.summary).toContain('rounding of Decimal discounts');
      expect(recalled.map((r) => r.issueTitle)).not.toContain('Invoice discount rounding');
    });
  });
});
