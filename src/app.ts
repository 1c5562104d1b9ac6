import type { Probot } from 'probot';
import { handleIssueCommentCreated } from './github/handlers/issue-comment-created.js';
import { handleIssuesLabeled } from './github/handlers/issues-labeled.js';
import {
  handlePullRequestReviewCommentCreated,
  handlePullRequestReviewSubmitted,
} from './github/handlers/pull-request-review.js';
import { handlePush } from './github/handlers/push.js';
import { handleInstallationCreated } from './github/handlers/request-indexing.js';
import type { WebhookDeps } from './github/webhook-deps.js';

/** The Probot app: one thin handler per event. Handlers check, record and enqueue; workers do the rest. */
export function createApp(deps: WebhookDeps) {
  return (app: Probot): void => {
    app.on('issues.labeled', handleIssuesLabeled(deps));
    app.on('issue_comment.created', handleIssueCommentCreated(deps));
    app.on('pull_request_review.submitted', handlePullRequestReviewSubmitted(deps));
    app.on('pull_request_review_comment.created', handlePullRequestReviewCommentCreated(deps));
    app.on('push', handlePush(deps));
    app.on('installation.created', handleInstallationCreated(deps));
  };
}
