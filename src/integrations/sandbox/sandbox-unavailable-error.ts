/** What an operator can do when the sandbox cannot isolate commands. */
export const SANDBOX_FIX =
  'Install bubblewrap, run the worker container with the sandbox settings the README documents ' +
  '(seccomp, AppArmor and /proc unmasked, as in deploy/k8s), or set PIPELINE_SANDBOX=unsafe-none to run ' +
  'commands without isolation.';

/**
 * A command was refused because this worker cannot isolate it (PIPELINE_SANDBOX=bwrap and bubblewrap unusable).
 * The message is a plain sentence naming the cause and the fix; `detail` holds the raw cause for operators.
 */
export class SandboxUnavailableError extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(`No command was run because this worker cannot sandbox it: ${reason}. ${SANDBOX_FIX}`);
    this.name = 'SandboxUnavailableError';
  }
}
