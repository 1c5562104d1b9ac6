import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCodeIndex,
  createEmbedder,
  startChroma,
  type Embedder,
  type RunningChroma,
} from '../../../src/codeindex/index.js';
import { createLogger } from '../../../src/monitoring/logger.js';
import { testLogger } from '../../support/test-logger.js';
import { GitFixture } from './git-fixture.js';
import { SAMPLE_FILES } from './sample-files.js';

const REPO = 'acme/incremental';

/** The real local embedder, counting the texts it is given to embed. */
function countingEmbedder(): Embedder & { embedded: string[] } {
  const inner = createEmbedder({ provider: 'local' });
  const embedded: string[] = [];
  return {
    modelId: inner.modelId,
    maxBatchSize: inner.maxBatchSize,
    embedded,
    embedDocuments: async (texts) => {
      embedded.push(...texts);
      return inner.embedDocuments(texts);
    },
    embedQuery: (text) => inner.embedQuery(text),
  };
}

/** A logger whose lines the test can read. */
function recordingLogger(): { logger: ReturnType<typeof createLogger>; messages: () => string[] } {
  const lines: string[] = [];
  const logger = createLogger('info', 'test', { write: (line: string) => void lines.push(line) });
  return { logger, messages: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

describe('a one-file change to an indexed repository', () => {
  let dataDir: string;
  let chroma: RunningChroma;
  let repo: GitFixture;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'codeindex-inc-data-'));
    chroma = await startChroma({ dataDir, logger: testLogger() });
    repo = new GitFixture(mkdtempSync(join(tmpdir(), 'codeindex-inc-repo-')));
    for (const [path, content] of Object.entries(SAMPLE_FILES)) repo.write(path, content);
    repo.commit('initial');
  });

  afterAll(async () => {
    await chroma?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(repo.dir, { recursive: true, force: true });
  });

  it('embeds that one file and updates the lexicon in place, without rebuilding it', async () => {
    const embedder = countingEmbedder();
    const { logger, messages } = recordingLogger();
    const index = createCodeIndex({ chroma, embedder, logger });
    const first = await index.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: 'HEAD' });
    expect(first.filesEmbedded).toBe(7);
    expect((await index.searchCode(REPO, 'validatePassword', { k: 1 })).hits[0]?.path).toBe(
      'src/auth/login.ts',
    );

    embedder.embedded.length = 0;
    repo.write(
      'src/auth/hash.ts',
      'export function hash(text: string): string {\n  return `sha:${text.length}`;\n}\n\n' +
        'export function constantTimeEquals(a: string, b: string): boolean {\n  return a === b;\n}\n',
    );
    const second = repo.commit('compare hashes in constant time');
    const stats = await index.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: second });

    expect(stats).toMatchObject({ filesEmbedded: 1, filesRemoved: 0, filesUnchanged: 6 });
    expect(embedder.embedded).toHaveLength(stats.chunksUpserted);
    expect(embedder.embedded.every((text) => text.startsWith('src/auth/hash.ts\n'))).toBe(true);

    const found = await index.searchCode(REPO, 'constantTimeEquals', { k: 1 });
    expect(found).toMatchObject({ commit: second, hits: [{ path: 'src/auth/hash.ts' }] });
    expect(found.hits[0]?.snippet).toContain('constantTimeEquals');
    expect(messages()).not.toContain('code lexicon built from the collection');
  });

  it('is searchable by a restarted worker, which builds the lexicon once from the collection', async () => {
    const { logger, messages } = recordingLogger();
    const restarted = createCodeIndex({ chroma, embedder: createEmbedder({ provider: 'local' }), logger });
    for (const query of ['constantTimeEquals', 'SessionStore close token']) {
      expect((await restarted.searchCode(REPO, query, { k: 1 })).hits).toHaveLength(1);
    }
    expect(messages().filter((m) => m === 'code lexicon built from the collection')).toHaveLength(1);
  });

  it('is saved beside the collection, so a restarted worker loads it instead of rebuilding it', async () => {
    const lexiconDir = join(dataDir, 'lexicons');
    const worker = createCodeIndex({
      chroma,
      embedder: createEmbedder({ provider: 'local' }),
      logger: testLogger(),
      lexiconDir,
    });
    repo.write(
      'billing/refund.py',
      'def refund_partial(invoice, amount):\n    return invoice.total - amount\n',
    );
    const third = repo.commit('partial refunds');
    await worker.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: third });
    await worker.close();
    expect(readdirSync(lexiconDir).filter((f) => f.endsWith(`.${third}.json`))).toHaveLength(1);

    const { logger, messages } = recordingLogger();
    const restarted = createCodeIndex({
      chroma,
      embedder: createEmbedder({ provider: 'local' }),
      logger,
      lexiconDir,
    });
    const found = await restarted.searchCode(REPO, 'refund_partial of an invoice', { k: 1 });
    expect(found).toMatchObject({ commit: third, hits: [{ path: 'billing/refund.py' }] });
    expect((await restarted.searchCode(REPO, 'constantTimeEquals', { k: 1 })).hits[0]?.path).toBe(
      'src/auth/hash.ts',
    );
    expect(messages()).not.toContain('code lexicon built from the collection');
  });

  it('rebuilds from the collection when the saved lexicon is torn', async () => {
    const lexiconDir = join(dataDir, 'lexicons');
    for (const file of readdirSync(lexiconDir)) writeFileSync(join(lexiconDir, file), '{"version":1,"comm');
    const { logger, messages } = recordingLogger();
    const restarted = createCodeIndex({
      chroma,
      embedder: createEmbedder({ provider: 'local' }),
      logger,
      lexiconDir,
    });
    expect((await restarted.searchCode(REPO, 'refund_partial', { k: 1 })).hits[0]?.path).toBe(
      'billing/refund.py',
    );
    expect(messages()).toContain('code lexicon built from the collection');
  });
});
