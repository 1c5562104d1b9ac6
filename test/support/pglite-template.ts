import { randomBytes } from 'node:crypto';
import { access, cp, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/storage/index.js';
import { testLogger } from './test-logger.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'pipeline-tests');

/**
 * A freshly initialized, unmigrated PGlite data directory, made once per PGlite version and kept in
 * node_modules/.cache. Copying it is several times faster than PGlite's initdb, which matters because
 * every storage and queue test file opens its own embedded database.
 * Returns a directory that holds `pgdata/`, i.e. a `dataDir` for openDatabase.
 */
export async function preparePgliteTemplate(): Promise<string> {
  const pkg = JSON.parse(
    await readFile(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as { version: string };
  const template = join(CACHE_DIR, `pglite-${pkg.version}`);
  if (await exists(join(template, 'pgdata', 'PG_VERSION'))) return template;

  await mkdir(CACHE_DIR, { recursive: true });
  const building = join(CACHE_DIR, `building-${randomBytes(4).toString('hex')}`);
  const db = await openDatabase({ dataDir: building, migrate: false, logger: testLogger() });
  await db.close();
  try {
    await rename(building, template);
  } catch (err) {
    // Another run finished first: keep its copy.
    await rm(building, { recursive: true, force: true });
    if (!(await exists(template))) throw err;
  }
  return template;
}

/** A private copy of the template in a temp dir, to open with openDatabase({ dataDir }). */
export async function copyPgliteTemplate(template: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pipeline-test-'));
  await cp(join(template, 'pgdata'), join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
