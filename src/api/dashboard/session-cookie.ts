import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

const sessionSchema = z.object({
  login: z.string(),
  /** The person's GitHub user token: what their access is asked with. Never leaves the server but sealed. */
  token: z.string(),
  csrf: z.string(),
  /** Milliseconds since the epoch. */
  expiresAt: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Session cookies sealed with AES-256-GCM: the browser holds the session but can neither read the token in it
 * nor change a byte of it unnoticed. Every web process with the same secret opens the others' cookies.
 */
export function sessionSealer(secret: string) {
  const key = createHash('sha256').update(`pipeline dashboard session\0${secret}`).digest();
  return {
    seal(session: Session): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    /** The session, or undefined for a cookie that was changed, sealed with another secret, or has expired. */
    open(text: string | undefined, now = Date.now()): Session | undefined {
      if (!text) return undefined;
      const bytes = Buffer.from(text, 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const json = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
        const session = sessionSchema.safeParse(JSON.parse(json.toString('utf8')));
        return session.success && session.data.expiresAt > now ? session.data : undefined;
      } catch {
        // A cookie that does not open is no session: the person signs in again.
        return undefined;
      }
    },
  };
}
