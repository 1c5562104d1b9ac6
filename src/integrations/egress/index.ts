export { DEFAULT_EGRESS_ALLOW } from './default-registries.js';
export { FORWARDER_SCRIPT } from './forwarder-script.js';
export { matchAllowList } from './match-allow-list.js';
export { sandboxNoProxy } from './sandbox-no-proxy.js';
export {
  EGRESS_SOCKET_NAME,
  startEgressProxy,
  type BlockedRequest,
  type EgressProxy,
} from './start-egress-proxy.js';
