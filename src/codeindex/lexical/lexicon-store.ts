import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RepoLexicon, type ChunkRef } from './repo-lexicon.js';

/**
 * Lexicons saved beside the collections (`<dir>/<collection>.<commit>.json`, one file per collection),
 * so a restarted worker loads a repository's lexicon instead of rebuilding it from every chunk in Chroma.
 * A file is only trusted for the commit its name and content carry.
 */
export interface LexiconStore {
  /** Writes the lexicon; skipped when it changes while being copied. */
  save(collection: string, lexicon: RepoLexicon): Promise<void>;
  /** The saved lexicon of a collection at `commit`, or undefined when there is none (or it is unreadable). */
  load(collection: string, commit: string): Promise<RepoLexicon | undefined>;
}

const VERSION = 1;

/** A chunk: id, symbol, start line, end line, length in tokens, terms, their frequencies. */
const chunkSchema = z.tuple([
  z.string(),
  z.string(),
  z.number(),
  z.number(),
  z.number(),
  z.array(z.string()),
  z.array(z.number()),
]);
const snapshotSchema = z.object({
  version: z.literal(VERSION),
  commit: z.string(),
  /** path, blob SHA, chunks */
  files: z.array(z.tuple([z.string(), z.string(), z.array(chunkSchema)])),
  /** path, recent commits that touched it (absent in files saved before the history was kept) */
  changes: z.array(z.tuple([z.string(), z.number()])).optional(),
});
type Snapshot = z.infer<typeof snapshotSchema>;

/** One file of a snapshot, copied out of the lexicon. */
function fileEntry(lexicon: RepoLexicon, path: string): Snapshot['files'][number] | undefined {
  const file = lexicon.files.get(path);
  if (!file) return undefined;
  const chunks: z.infer<typeof chunkSchema>[] = [];
  for (const doc of file.chunks) {
    const ref = lexicon.chunks.get(doc);
    const counted = lexicon.chunkIndex.document(doc);
    if (ref && counted) {
      chunks.push([
        ref.id,
        ref.symbol,
        ref.startLine,
        ref.endLine,
        counted.length,
        [...counted.terms],
        [...counted.tfs],
      ]);
    }
  }
  return [path, file.blobSha, chunks];
}

const FILES_PER_SLICE = 200;

/**
 * Writes the snapshot as JSON a slice of files at a time, with a turn of the event loop in between, so
 * neither searches nor memory wait on a large lexicon. Returns false (and leaves a partial file for the
 * caller to remove) when the lexicon changed meanwhile: a newer index run saves its own.
 */
async function writeSnapshot(target: string, lexicon: RepoLexicon, commit: string): Promise<boolean> {
  const generation = lexicon.generation;
  const paths = [...lexicon.files.keys()];
  const handle = await open(target, 'w');
  let written = false;
  try {
    await handle.write(`{"version":${VERSION},"commit":${JSON.stringify(commit)},"files":[`);
    for (let i = 0; i < paths.length; i += FILES_PER_SLICE) {
      if (lexicon.generation !== generation) return false;
      const slice: string[] = [];
      for (const path of paths.slice(i, i + FILES_PER_SLICE)) {
        const entry = fileEntry(lexicon, path);
        if (entry) slice.push(JSON.stringify(entry));
      }
      if (slice.length === 0) continue;
      await handle.write(`${written ? ',' : ''}${slice.join(',')}`);
      written = true;
    }
    await handle.write(`],"changes":${JSON.stringify([...lexicon.changeCounts])}}`);
    return lexicon.generation === generation;
  } finally {
    await handle.close();
  }
}

function lexiconOf(snapshot: Snapshot): RepoLexicon {
  const lexicon = new RepoLexicon(snapshot.commit);
  for (const [path, blobSha, chunks] of snapshot.files) {
    lexicon.addCounted(
      path,
      blobSha,
      chunks.map(([id, symbol, startLine, endLine, length, terms, tfs]) => {
        const ref: ChunkRef = { id, path, symbol, startLine, endLine };
        return { ref, length, counts: new Map(terms.map((t, i) => [t, tfs[i] ?? 0])) };
      }),
    );
  }
  lexicon.setChangeCounts(new Map(snapshot.changes ?? []));
  return lexicon;
}

export function createLexiconStore(dir: string): LexiconStore {
  const fileName = (collection: string, commit: string): string => `${collection}.${commit}.json`;
  return {
    async save(collection, lexicon) {
      const commit = lexicon.commit;
      if (!commit) return;
      const name = fileName(collection, commit);
      await mkdir(dir, { recursive: true });
      const partial = join(dir, `${name}.partial`);
      if (!(await writeSnapshot(partial, lexicon, commit))) {
        await rm(partial, { force: true });
        return;
      }
      await rename(partial, join(dir, name));
      for (const other of await readdir(dir)) {
        if (other.startsWith(`${collection}.`) && other !== name) await rm(join(dir, other), { force: true });
      }
    },
    async load(collection, commit) {
      let text: string;
      try {
        text = await readFile(join(dir, fileName(collection, commit)), 'utf8');
      } catch {
        return undefined;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        return undefined; // a torn or foreign file: the caller rebuilds from the collection
      }
      const parsed = snapshotSchema.safeParse(data);
      if (!parsed.success || parsed.data.commit !== commit) return undefined;
      return lexiconOf(parsed.data);
    },
  };
}
