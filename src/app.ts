import { handleIssueCommentCreated } from './github/handlers/issue-comment-created.js';
import { handleIssuesLabeled } from './github/handlers/issues-labeled.js';
import { handlePullRequestClosed } from './github/handlers/pull-request-closed.js';
import { handlePermissionChanged, PERMISSION_EVENTS } from './github/handlers/permission-changed.js';
import {
  handlePullRequestReviewCommentCreated,
  handlePullRequestReviewSubmitted,
} from './github/handlers/pull-request-review.js';
import { handlePush } from './github/handlers/push.js';
import { handleInstallationCreated } from './github/handlers/request-indexing.js';
import type { EventRouter } from './github/event-router.js';
import type { WebhookDeps } from './github/webhook-deps.js';

/**
 * The app: one thin handler per event, each given a Probot `Context`. Handlers check, record and enqueue;
 * workers do the rest. `app` is the event router (`probot.webhooks` has the same `on`).
 */
export function createApp(deps: WebhookDeps) {
  return (app: Pick<EventRouter, 'on'>): void => {
    app.on('issues.labeled', handleIssuesLabeled(deps));
    app.on('issue_comment.created', handleIssueCommentCreated(deps));
    app.on('pull_request_review.submitted', handlePullRequestReviewSubmitted(deps));
    app.on('pull_request_review_comment.created', handlePullRequestReviewCommentCreated(deps));
    app.on('pull_request.closed', handlePullRequestClosed(deps));
    app.on('push', handlePush(deps));
    app.on('installation.created', handleInstallationCreated(deps));
    app.on([...PERMISSION_EVENTS], handlePermissionChanged(deps));
  };
}
