import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import type { OpenedCodeSearch } from './open-code-search.js';

/** The process's one code index, opened by whichever part needs it first (the worker at start, the API on a search). */
export type SharedCodeSearch = {
  open(): Promise<OpenedCodeSearch>;
  /** Stops it if it was opened. */
  close(): Promise<void>;
};

/**
 * Opens the code index at most once per process, loading it with a dynamic `import()` so a web process that
 * never searches never loads Chroma's client or the embedder (figures: bench/README.md). Web and worker in one
 * process share it, so there is one Chroma. A failed open is forgotten, so the next caller tries again.
 */
export function shareCodeSearch(settings: Settings, logger: Logger): SharedCodeSearch {
  let opening: Promise<OpenedCodeSearch> | undefined;
  return {
    open() {
      opening ??= import('./open-code-search.js').then(({ openCodeSearch }) =>
        openCodeSearch(settings, logger),
      );
      opening.catch(() => (opening = undefined));
      return opening;
    },
    async close() {
      const opened = opening;
      opening = undefined;
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}
