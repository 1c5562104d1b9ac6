import { generateKeyPairSync } from 'node:crypto';

export interface AppKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

let cached: AppKeyPair | undefined;

/** The GitHub App's RSA key pair; generated once per process because RSA generation is slow. */
export function appKeyPair(): AppKeyPair {
  cached ??= (() => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  })();
  return cached;
}
