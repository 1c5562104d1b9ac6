import { describeRefusals } from './describe-refusals.js';
import type { PathRefusal } from './refused-changes.js';

/** A push was refused because what it adds touches paths the policy does not allow. Nothing was pushed. */
export class ProtectedPathError extends Error {
  override readonly name = 'ProtectedPathError';

  constructor(readonly refusals: readonly PathRefusal[]) {
    super(
      `Nothing was pushed: the change touches paths the pipeline may not write: ${describeRefusals(refusals)}.`,
    );
  }
}
