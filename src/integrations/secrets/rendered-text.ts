const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  lowbar: '_',
};

/**
 * Markdown as GitHub shows it, and as a link or image URL carries it: invisible format characters (zero-width
 * spaces, joiners) dropped, HTML character references decoded, backslash escapes removed, and `%XX` escapes
 * decoded. A token split or escaped this way (`gh&#112;_…`, `ghp\_…`, `?t=ghp%5F…`) reads whole again, so the
 * scanners see what a reader or the server behind an image URL receives.
 */
export function renderedText(text: string): string {
  return percentDecoded(
    text
      .replace(/\p{Cf}/gu, '')
      .replace(/&#(\d{1,7});/g, (_, code: string) => fromCodePoint(Number(code)))
      .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => fromCodePoint(parseInt(hex, 16)))
      .replace(/&([a-z]+);/gi, (entity, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? entity)
      .replace(/\\([!-/:-@[-`{-~])/g, '$1'),
  );
}

function fromCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Decodes runs of `%XX` escapes as UTF-8; a run that is not valid UTF-8 is left as it is. */
function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch (error) {
      if (error instanceof URIError) return run;
      throw error;
    }
  });
}
