import { describe, expect, it } from 'vitest';
import { scanDiffForSecrets } from '../../../../src/integrations/secrets/index.js';

// Fake credentials shaped like real ones (not AWS's documented examples, which secretlint ignores).
const KEY_ID = 'AKIAZ7VQ3WXKJD4HLMPR';
const SECRET_KEY = 'q8Fz1Lw0Xr7Tb3Nc5Vd9Hs2Jk6Mp4Qy0Ue8Ro1Ia';
const GITHUB_TOKEN = 'ghp_Q7sL2kV9xR4mN8bT1cY6wZ3pF5hJ0dA2eG4u';

const diffAddingKeys = [
  'diff --git a/README.md b/README.md',
  'index 1111111..2222222 100644',
  '--- a/README.md',
  '+++ b/README.md',
  '@@ -1,2 +1,3 @@',
  ' # app',
  '+Configure the deploy with the variables below.',
  ' ',
  'diff --git a/config/deploy.py b/config/deploy.py',
  'index 3333333..4444444 100644',
  '--- a/config/deploy.py',
  '+++ b/config/deploy.py',
  '@@ -10,4 +10,7 @@ def settings():',
  '     region = "eu-west-1"',
  '-    bucket = "old"',
  '+    bucket = "new"',
  `+    aws_access_key_id = "${KEY_ID}"`,
  `+    aws_secret_access_key = "${SECRET_KEY}"`,
  '     return locals()',
  '+',
].join('\n');

describe('scanDiffForSecrets', () => {
  describe('a diff that adds an AWS key pair', () => {
    it('reports the key id and the secret key with their file and line', async () => {
      const findings = await scanDiffForSecrets(diffAddingKeys);
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'config/deploy.py', line: 12, redacted: 'AKIA…' }),
          expect.objectContaining({ file: 'config/deploy.py', line: 13, redacted: 'q8Fz…' }),
        ]),
      );
      expect(findings.every((f) => f.file === 'config/deploy.py')).toBe(true);
      expect(findings.map((f) => f.rule).join(' ')).toMatch(/aws/);
    });

    it('never includes the secrets themselves in what it returns', async () => {
      const serialized = JSON.stringify(await scanDiffForSecrets(diffAddingKeys));
      expect(serialized).not.toContain(KEY_ID);
      expect(serialized).not.toContain(SECRET_KEY);
      expect(serialized).not.toContain(SECRET_KEY.slice(4, 20));
    });
  });

  it('passes a clean diff', async () => {
    const clean = [
      'diff --git a/src/add.ts b/src/add.ts',
      '--- a/src/add.ts',
      '+++ b/src/add.ts',
      '@@ -1 +1,2 @@',
      ' export const add = (a: number, b: number) => a + b;',
      '+export const token = process.env.GITHUB_TOKEN;',
    ].join('\n');
    expect(await scanDiffForSecrets(clean)).toEqual([]);
  });

  it('ignores a key on a removed line, and in a deleted file', async () => {
    const removal = [
      'diff --git a/.env b/.env',
      '--- a/.env',
      '+++ b/.env',
      '@@ -1,2 +1 @@',
      `-GITHUB_TOKEN=${GITHUB_TOKEN}`,
      ' NODE_ENV=production',
      'diff --git a/old.py b/old.py',
      'deleted file mode 100644',
      '--- a/old.py',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      `-aws_secret_access_key = "${SECRET_KEY}"`,
    ].join('\n');
    expect(await scanDiffForSecrets(removal)).toEqual([]);
  });

  it('catches tokens and private key headers that secretlint alone would miss', async () => {
    const diff = [
      'diff --git a/notes.txt b/notes.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/notes.txt',
      '@@ -0,0 +1,4 @@',
      `+token: ${GITHUB_TOKEN}`,
      '+-----BEGIN OPENSSH PRIVATE KEY-----',
      '+b3BlbnNzaC1rZXktdjEAAAAA',
      '+-----END OPENSSH PRIVATE KEY-----',
    ].join('\n');
    const findings = await scanDiffForSecrets(diff);
    expect(findings.map((f) => [f.file, f.line, f.redacted])).toEqual([
      ['notes.txt', 1, 'ghp_…'],
      ['notes.txt', 2, '----…'],
    ]);
  });

  it('reads a line holding NUL bytes as the text it is, UTF-16 included', async () => {
    const utf16 = Buffer.from(`aws_access_key_id = ${KEY_ID}`, 'utf16le').toString('latin1');
    const diff = [
      'diff --git a/creds.bin b/creds.bin',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/creds.bin',
      '@@ -0,0 +1,2 @@',
      `+\u0000\u0001header\u0000token=${GITHUB_TOKEN}\u0000`,
      `+${utf16}`,
    ].join('\n');
    const findings = await scanDiffForSecrets(diff);
    expect(findings.map((f) => [f.file, f.line, f.redacted])).toEqual(
      expect.arrayContaining([
        ['creds.bin', 1, 'ghp_…'],
        ['creds.bin', 2, 'AKIA…'],
      ]),
    );
  });

  it("finds the app's own secrets on an added line", async () => {
    const diff = ['--- a/x', '+++ b/x', '@@ -0,0 +1 @@', '+const hook = "s3cr3t-webhook-value";'].join('\n');
    const findings = await scanDiffForSecrets(diff, { knownSecrets: ['s3cr3t-webhook-value'] });
    expect(findings).toEqual([{ file: 'x', line: 1, rule: 'pipeline/app-secret', redacted: '…' }]);
  });
});
