import type { PermissionNeed } from '../auth/app-permissions.js';

const read = (name: PermissionNeed[0]): PermissionNeed => [name, 'read'];
const write = (name: PermissionNeed[0]): PermissionNeed => [name, 'write'];

/**
 * The repository permission an installation token needs for each operation the twin implements, as GitHub's
 * REST reference lists it under "Fine-grained access tokens for …" (any one of a list suffices). Operations
 * not listed need only `metadata: read`, which every token has.
 */
export const ROUTE_PERMISSIONS: Record<string, readonly PermissionNeed[]> = {
  'checks/create': [write('checks')],
  'checks/update': [write('checks')],
  'checks/get': [read('checks')],
  'checks/list-annotations': [read('checks')],
  'checks/list-for-ref': [read('checks')],
  'issues/create-comment': [write('issues'), write('pull_requests')],
  'issues/update-comment': [write('issues'), write('pull_requests')],
  'issues/get-comment': [read('issues'), read('pull_requests')],
  'issues/list-comments': [read('issues'), read('pull_requests')],
  'reactions/create-for-issue-comment': [write('issues'), write('pull_requests')],
  'reactions/create-for-issue': [write('issues')],
  'reactions/create-for-pull-request-review-comment': [write('pull_requests')],
  'repos/create-deployment': [write('deployments')],
  'repos/list-deployments': [read('deployments')],
  'repos/create-deployment-status': [write('deployments')],
  'repos/list-deployment-statuses': [read('deployments')],
  'actions/create-workflow-dispatch': [write('actions')],
  'actions/list-workflow-runs': [read('actions')],
  'actions/get-workflow-run': [read('actions')],
  'actions/list-jobs-for-workflow-run': [read('actions')],
  'actions/cancel-workflow-run': [write('actions')],
  'issues/create': [write('issues')],
  'issues/get': [read('issues'), read('pull_requests')],
  'issues/update': [write('issues'), write('pull_requests')],
  'issues/list-for-repo': [read('issues')],
  'issues/add-labels': [write('issues'), write('pull_requests')],
  'issues/remove-label': [write('issues'), write('pull_requests')],
  'issues/list-labels-on-issue': [read('issues'), read('pull_requests')],
  'issues/get-label': [read('issues'), read('pull_requests')],
  'pulls/create': [write('pull_requests')],
  'pulls/get': [read('pull_requests')],
  'pulls/update': [write('pull_requests')],
  'pulls/list': [read('pull_requests')],
  'pulls/merge': [write('contents')],
  'pulls/create-review': [write('pull_requests')],
  'pulls/list-reviews': [read('pull_requests')],
  'pulls/create-review-comment': [write('pull_requests')],
  'pulls/create-reply-for-review-comment': [write('pull_requests')],
  'pulls/list-review-comments': [read('pull_requests')],
  'repos/get-content': [read('contents')],
  'git/get-ref': [read('contents')],
};
