export {
  applyTransition,
  type AppliedTransition,
  type TransitionData,
  type TransitionEvent,
  type TransitionInput,
} from './apply-transition.js';
export { RunTransitions, type RunTransitionName, type RunTransitionRule } from './run-transitions.js';
