import { createHash } from 'node:crypto';

/**
 * A Chroma collection name for a repository: `<prefix>-<owner>-<repo>-<hash8>`, 3–512 characters of
 * [a-zA-Z0-9._-], starting and ending with a letter or digit. The hash of the exact `owner/repo`
 * keeps names distinct when sanitising would make two repositories look alike.
 */
export function collectionName(prefix: string, repoFullName: string): string {
  const hash = createHash('sha256').update(repoFullName.toLowerCase()).digest('hex').slice(0, 8);
  const safe = repoFullName
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '')
    .slice(0, 400);
  const cleanPrefix = prefix.replace(/[^a-zA-Z0-9_-]+/g, '-') || 'c';
  return `${cleanPrefix}-${safe ? `${safe}-` : ''}${hash}`;
}
