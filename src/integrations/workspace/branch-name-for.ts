const MAX_SLUG = 40;

/** `pipeline/issue-<n>-<slug>`: the slug is the title in lowercase ASCII words joined by dashes, at most 40 chars. */
export function branchNameFor(issueNumber: number, title: string): string {
  const slug = slugify(title);
  return slug ? `pipeline/issue-${issueNumber}-${slug}` : `pipeline/issue-${issueNumber}`;
}

function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= MAX_SLUG) return ascii;
  const cut = ascii.slice(0, MAX_SLUG);
  const lastDash = cut.lastIndexOf('-');
  // Cut at a word boundary when one is reasonably close to the limit.
  return (lastDash >= MAX_SLUG / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}
