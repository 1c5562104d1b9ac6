/** What a person may do with a repository (GitHub's answer for their user token). */
export type RepoAccess = 'none' | 'read' | 'write';

/**
 * GitHub's answers about a person's access, reused for `seconds` so a page and its API calls cost GitHub a
 * question per repository at most once in that time; a revoked access counts again after it.
 */
export function repoAccessCache(seconds: number, ask: (token: string, repo: string) => Promise<RepoAccess>) {
  const answers = new Map<string, { access: Promise<RepoAccess>; until: number }>();
  return (login: string, token: string, repo: string): Promise<RepoAccess> => {
    const key = `${login.toLowerCase()}\0${repo.toLowerCase()}`;
    const now = Date.now();
    const cached = answers.get(key);
    if (cached && cached.until > now) return cached.access;
    const access = ask(token, repo);
    answers.set(key, { access, until: now + seconds * 1000 });
    // A failed question is asked again next time, not remembered.
    access.catch(() => answers.delete(key));
    return access;
  };
}
