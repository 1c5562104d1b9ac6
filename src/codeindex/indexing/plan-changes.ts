import type { TreeEntry } from '../git/list-tree.js';

export interface ChangePlan {
  /** Files that are new or whose blob changed: they are (re-)embedded. */
  toEmbed: TreeEntry[];
  /** Paths in the index that are gone from the tree (or now excluded). */
  toRemove: string[];
  unchanged: number;
}

/** Compares the indexable files at a commit with what the index holds, by blob SHA. */
export function planChanges(indexable: TreeEntry[], manifest: Map<string, string>): ChangePlan {
  const present = new Set<string>();
  const toEmbed: TreeEntry[] = [];
  let unchanged = 0;
  for (const entry of indexable) {
    present.add(entry.path);
    if (manifest.get(entry.path) === entry.blobSha) unchanged++;
    else toEmbed.push(entry);
  }
  const toRemove = [...manifest.keys()].filter((path) => !present.has(path));
  return { toEmbed, toRemove, unchanged };
}
