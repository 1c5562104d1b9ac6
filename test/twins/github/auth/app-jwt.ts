import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';

const headerSchema = z.object({ alg: z.literal('RS256') });
const claimsSchema = z.object({
  iss: z.union([z.string(), z.number()]),
  iat: z.number(),
  exp: z.number(),
});

function decodePart(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** Why an app JWT was refused, or null when it is a valid RS256 token for `appId` signed by the app key. */
export function checkAppJwt(token: string, appId: number, publicKeyPem: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return 'not a JWT';
  const [head = '', body = '', signature = ''] = parts;
  try {
    const header = headerSchema.safeParse(decodePart(head));
    if (!header.success) return 'JWT must use alg RS256';
    const claims = claimsSchema.safeParse(decodePart(body));
    if (!claims.success) return 'JWT must carry iss, iat and exp';
    const key = createPublicKey(publicKeyPem);
    if (!verify('RSA-SHA256', Buffer.from(`${head}.${body}`), key, Buffer.from(signature, 'base64url'))) {
      return 'JWT signature does not match the app key';
    }
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (String(claims.data.iss) !== String(appId)) return `JWT iss ${claims.data.iss} is not app ${appId}`;
    if (claims.data.exp <= nowSeconds) return "'Expiration time' claim ('exp') must be a future time";
    if (claims.data.iat > nowSeconds + 60)
      return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    if (claims.data.exp - claims.data.iat > 660)
      return "'Expiration time' claim ('exp') is too far in the future";
    return null;
  } catch (error) {
    return `JWT could not be decoded: ${String(error)}`;
  }
}
