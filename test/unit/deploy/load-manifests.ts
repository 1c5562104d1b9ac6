import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const k8sDir = join(repoRoot, 'deploy/k8s');

/** One YAML document of a manifest file, as plain data. */
export interface ManifestDoc {
  /** Path relative to deploy/k8s, e.g. `web-deployment.yaml`. */
  file: string;
  /** Position of the document in its file (files may hold several, separated by `---`). */
  index: number;
  data: Record<string, unknown>;
}

/** Every `.yaml`/`.yml` file under deploy/k8s, recursively, relative to it. */
export function listManifestFiles(dir = k8sDir): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

/** Parses every document of every manifest file; a YAML syntax error throws naming the file. */
export function loadManifests(dir = k8sDir): ManifestDoc[] {
  return listManifestFiles(dir).flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), 'utf8')).flatMap((doc, index) => {
      if (doc.errors.length > 0) throw new Error(`${file} (document ${index}): ${doc.errors[0]?.message}`);
      const data: unknown = doc.toJS();
      if (data === null || data === undefined) return [];
      if (typeof data !== 'object' || Array.isArray(data)) {
        throw new Error(`${file} (document ${index}) is not a mapping`);
      }
      return [{ file, index, data: data as Record<string, unknown> }];
    }),
  );
}

/** `apiVersion` + `kind` of a document, e.g. `apps/v1 Deployment`. */
export function typeOf(doc: ManifestDoc): string {
  return `${String(doc.data.apiVersion)} ${String(doc.data.kind)}`;
}
