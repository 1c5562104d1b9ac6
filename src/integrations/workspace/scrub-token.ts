import { basicAuthValue } from '../git/index.js';

/** Removes a token from text in every form git could echo it: raw, and inside the Basic auth value. */
export function scrubToken(text: string, token: string | undefined): string {
  if (!token) return text;
  const basic = basicAuthValue(token);
  return text.replaceAll(basic, '[redacted]').replaceAll(token, '[redacted]');
}
