import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The `chroma` CLI script shipped by the installed `chromadb` package (its `bin`). */
export function chromaCliPath(): string {
  const require = createRequire(import.meta.url);
  const cjsEntry = require.resolve('chromadb');
  return join(dirname(dirname(cjsEntry)), 'cli.mjs');
}
