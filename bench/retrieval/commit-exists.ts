import { gitOutput } from '../../src/integrations/git/index.js';

/** Whether `repoDir` holds `commit`. */
export async function commitExists(repoDir: string, commit: string): Promise<boolean> {
  try {
    await gitOutput(repoDir, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch (error) {
    if (error instanceof Error && /failed in/.test(error.message)) return false;
    throw error;
  }
}
