import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCodeIndex,
  createEmbedder,
  startChroma,
  type RunningChroma,
} from '../../../src/codeindex/index.js';
import { testLogger } from '../../support/test-logger.js';
import { GitFixture } from './git-fixture.js';

const REPO = 'acme/history';
const PARSER = (note: string): string =>
  `// ${note}\nexport function parseDuration(text: string): number {\n  const match = /^(\\d+)(ms|s)$/.exec(text);\n  if (!match) throw new Error('bad duration');\n  return match[2] === 's' ? Number(match[1]) * 1000 : Number(match[1]);\n}\n`;

describe('change history in the ranking', () => {
  let dataDir: string;
  let chroma: RunningChroma;
  let repo: GitFixture;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'codeindex-history-data-'));
    chroma = await startChroma({ dataDir, logger: testLogger() });
    repo = new GitFixture(mkdtempSync(join(tmpdir(), 'codeindex-history-repo-')));
    // Two copies of the same parser; the server's copy is the one fixes keep landing in.
    repo.write('client/duration.ts', PARSER('duration parsing'));
    repo.write('server/duration.ts', PARSER('duration parsing'));
    repo.write('server/notes.md', 'Release notes.\n');
    repo.commit('initial');
    for (let i = 1; i <= 4; i++) {
      repo.write('server/duration.ts', PARSER(`fix ${i}`));
      repo.commit(`fix duration parsing, round ${i}`);
    }
    repo.write('server/duration.ts', PARSER('duration parsing'));
    repo.commit('restore the comment');
  });

  afterAll(async () => {
    await chroma?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(repo.dir, { recursive: true, force: true });
  });

  it('puts the often-fixed file first when two files match an issue alike, also after a restart', async () => {
    const lexiconDir = join(dataDir, 'lexicons');
    const embedder = createEmbedder({ provider: 'local' });
    const index = createCodeIndex({ chroma, embedder, logger: testLogger(), lexiconDir });
    await index.indexRepository({ repoDir: repo.dir, repoFullName: REPO, commit: 'HEAD' });
    const issue = 'parseDuration throws on "1.5s"';

    const ranked = await index.searchCode(REPO, issue, { k: 2 });
    expect(ranked.hits.map((h) => h.path)).toEqual(['server/duration.ts', 'client/duration.ts']);
    // Touched by 6 commits, the most of any candidate: scaled by the full 1 + 0.2; the client's copy, by 1
    // commit of 6: 1 + 0.2 × ln 2 / ln 7.
    const plain = await index.searchCode(REPO, issue, { k: 2, weights: { history: 0 } });
    const scoreOf = (hits: typeof plain.hits, path: string): number =>
      hits.find((h) => h.path === path)?.score ?? Number.NaN;
    expect(
      scoreOf(ranked.hits, 'server/duration.ts') / scoreOf(plain.hits, 'server/duration.ts'),
    ).toBeCloseTo(1.2, 2);
    expect(
      scoreOf(ranked.hits, 'client/duration.ts') / scoreOf(plain.hits, 'client/duration.ts'),
    ).toBeCloseTo(1 + (0.2 * Math.log(2)) / Math.log(7), 2);
    await index.close();

    const restarted = createCodeIndex({ chroma, embedder, logger: testLogger(), lexiconDir });
    const again = await restarted.searchCode(REPO, issue, { k: 2 });
    expect(again.hits.map((h) => h.path)).toEqual(['server/duration.ts', 'client/duration.ts']);
    // The history came back with the saved lexicon (without it the score would be 1.2 times lower).
    expect(scoreOf(again.hits, 'server/duration.ts')).toBeCloseTo(
      scoreOf(ranked.hits, 'server/duration.ts'),
      3,
    );
  });
});
