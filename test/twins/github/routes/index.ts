import { actionsRoutes } from './actions.js';
import { appRoutes } from './app.js';
import { checkRoutes } from './checks.js';
import { commentRoutes } from './comments.js';
import { deploymentRoutes } from './deployments.js';
import { issueRoutes } from './issues.js';
import { pullRoutes } from './pulls.js';
import { repoRoutes } from './repos.js';
import { reviewRoutes } from './reviews.js';
import type { RouteTable } from './types.js';
import { userRoutes } from './users.js';

/** Every REST operation the twin implements, by operationId; any other operation is an unknown endpoint. */
export const routes: RouteTable = {
  ...appRoutes,
  ...repoRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...checkRoutes,
  ...deploymentRoutes,
  ...actionsRoutes,
  ...userRoutes,
};
