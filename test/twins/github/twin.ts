import type { Server } from 'node:http';
import { rm } from 'node:fs/promises';
import type { TwinCore } from './core.js';
import type { FaultRule } from './faults.js';
import * as issueArrange from './arrange/issues.js';
import * as memberArrange from './arrange/members.js';
import * as pullArrange from './arrange/pulls.js';
import * as setup from './arrange/setup.js';
import * as views from './inspect/views.js';
import type { Permission, UserRecord, UserType, WorkflowRunScript } from './state.js';
import type { DeliveryRecord, DeliveryResult } from './webhooks/types.js';
import type { RequestLogEntry, TokenScopeView } from './server/request-log.js';
import type { Violation } from './violations.js';
import { tokenScopeFor, type TokenRequest } from './auth/token-scope.js';

/** The app's credentials, generated when the twin starts. Give them to the app under test. */
export interface TwinAppCredentials {
  appId: number;
  slug: string;
  /** `<slug>[bot]`: the login of everything the app does with an installation token. */
  botLogin: string;
  privateKey: string;
  webhookSecret: string;
  /** The app's OAuth client (its web flow signs people in). */
  clientId: string;
  clientSecret: string;
}

/** A running GitHub twin: arrange state like a user on github.com would, then inspect what the app did. */
export class GitHubTwin {
  /** `http://127.0.0.1:<port>`: the REST base URL (Octokit `baseUrl`) and the git remote host. */
  readonly url: string;
  readonly app: TwinAppCredentials;

  constructor(
    private readonly core: TwinCore,
    private readonly server: Server,
    private readonly tempDir: string,
  ) {
    this.url = core.ctx.baseUrl;
    const { app } = core.ctx;
    this.app = {
      appId: app.appId,
      slug: app.slug,
      botLogin: app.botUser.login,
      privateKey: app.privateKey,
      webhookSecret: app.webhookSecret,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
    };
  }

  /** GraphQL endpoint (`POST`). */
  get graphqlUrl(): string {
    return `${this.url}/graphql`;
  }

  // ── arrange ──────────────────────────────────────────────────────────────
  /** Signs `login` in to the twin's github.com in the browser (undefined signs out): who the OAuth flow is for. */
  signInBrowser(login: string | undefined): void {
    this.core.oauth.signedIn = login;
  }
  createInstallation(input: setup.CreateInstallationInput) {
    return setup.createInstallation(this.core, input);
  }
  createRepo(input: setup.CreateRepoInput) {
    return setup.createRepo(this.core, input);
  }
  addUser(login: string, options: { type?: UserType } = {}): UserRecord {
    return setup.addUser(this.core, login, options);
  }
  setPermission(fullName: string, login: string, permission: Permission): void {
    setup.setPermission(this.core, fullName, login, permission);
  }
  /** Changes a person's access to a repository (`none` removes them); sends the `member` webhook. */
  changeCollaborator(fullName: string, login: string, permission: Permission, options: { by: string }) {
    return memberArrange.changeCollaborator(this.core, fullName, login, permission, options);
  }
  /** Removes a person from an organization (no access to its repositories); sends `organization.member_removed`. */
  removeOrganizationMember(organization: string, login: string, options: { by: string }) {
    return memberArrange.removeOrganizationMember(this.core, organization, login, options);
  }
  openIssue(fullName: string, input: issueArrange.OpenIssueInput) {
    return issueArrange.openIssue(this.core, fullName, input);
  }
  addLabel(fullName: string, number: number, label: string, options: { by: string }) {
    return issueArrange.addLabel(this.core, fullName, number, label, options);
  }
  postComment(fullName: string, number: number, body: string, options: { by: string }) {
    return issueArrange.postComment(this.core, fullName, number, body, options);
  }
  editComment(fullName: string, commentId: number, body: string, options: { by: string }) {
    return issueArrange.editComment(this.core, fullName, commentId, body, options);
  }
  commitFiles(fullName: string, input: pullArrange.CommitFilesInput) {
    return pullArrange.commitFilesToBranch(this.core, fullName, input);
  }
  openPullRequest(fullName: string, input: pullArrange.OpenPullRequestInput) {
    return pullArrange.openPullRequest(this.core, fullName, input);
  }
  mergePullRequest(fullName: string, number: number, options: { by: string }) {
    return pullArrange.mergePullRequest(this.core, fullName, number, options);
  }
  submitReview(fullName: string, prNumber: number, input: pullArrange.SubmitReviewInput) {
    return pullArrange.submitReview(this.core, fullName, prNumber, input);
  }
  postReviewComment(fullName: string, prNumber: number, input: pullArrange.PostReviewCommentInput) {
    return pullArrange.postReviewComment(this.core, fullName, prNumber, input);
  }
  rerequestCheckRun(fullName: string, checkRunId: number, options: { by: string }) {
    return pullArrange.rerequestCheckRun(this.core, fullName, checkRunId, options);
  }
  /**
   * How the next run dispatched of `.github/workflows/<file>` goes (each call scripts one more run, in order);
   * an unscripted run succeeds. Runs go queued → in progress → completed by themselves, in well under a second.
   */
  scriptWorkflowRun(fullName: string, file: string, script: WorkflowRunScript): void {
    const scripts = this.core.ctx.state.repo(fullName).workflowScripts;
    scripts.set(file, [...(scripts.get(file) ?? []), script]);
  }
  /**
   * An installation access token, as the app would get from `POST /app/installations/{id}/access_tokens`:
   * for every repository of the installation with all the app's permissions, unless narrowed.
   */
  installationToken(installationId: number, narrowed?: TokenRequest): string {
    const installation = this.core.ctx.state.installations.get(installationId);
    if (!installation) throw new Error(`GitHub twin: no installation ${installationId}`);
    return this.core.tokens.issue(installationId, tokenScopeFor(this.core.ctx.state, installation, narrowed))
      .token;
  }
  /** Every installation token issued so far: what it reaches, by repository name, and what it may do. */
  issuedTokens(): TokenScopeView[] {
    const names = new Map([...this.core.ctx.state.repos.values()].map((r) => [r.id, r.fullName]));
    return this.core.tokens.list().map((t) => ({
      repositories: t.repositoryIds?.map((id) => names.get(id) ?? String(id)) ?? 'all',
      permissions: t.permissions,
    }));
  }
  /** The git remote of a repository: `http://127.0.0.1:<port>/<owner>/<repo>.git`. */
  gitUrl(fullName: string): string {
    return `${this.url}/${fullName}.git`;
  }
  /** The git remote with `x-access-token:<token>@` credentials, as GitHub Apps clone. */
  authenticatedGitUrl(fullName: string, token: string): string {
    const url = new URL(this.gitUrl(fullName));
    url.username = 'x-access-token';
    url.password = token;
    return url.toString();
  }

  // ── faults and webhooks ──────────────────────────────────────────────────
  /** The next matching request(s) fail as described (or only answer late, without `status`). */
  failNext(rule: FaultRule): void {
    this.core.faults.add(rule);
  }
  /** The next matching request(s) answer normally but after `delayMs`. */
  slowNext(rule: Omit<FaultRule, 'status' | 'secondaryRateLimit'> & { delayMs: number }): void {
    this.core.faults.add(rule);
  }
  setWebhookTarget(url: string, secret: string = this.app.webhookSecret): void {
    this.core.dispatcher.setTarget(url, secret);
  }
  /** Sends a raw, signed delivery (its payload is validated like any other). */
  deliver(event: string, payload: Record<string, unknown>): Promise<DeliveryResult> {
    return this.core.dispatcher.send({ event, payload });
  }
  /** Waits until every webhook caused so far (REST calls, pushes) has been delivered. */
  settle(): Promise<void> {
    return this.core.dispatcher.settle();
  }
  get deliveries(): readonly DeliveryRecord[] {
    return this.core.dispatcher.deliveries;
  }

  // ── inspect ──────────────────────────────────────────────────────────────
  comments(fullName: string, number: number) {
    return views.comments(this.core, fullName, number);
  }
  reactions(fullName: string, target: Parameters<typeof views.reactions>[2]) {
    return views.reactions(this.core, fullName, target);
  }
  issues(fullName: string) {
    return views.issues(this.core, fullName);
  }
  pullRequests(fullName: string) {
    return views.pullRequests(this.core, fullName);
  }
  reviews(fullName: string, prNumber: number) {
    return views.reviews(this.core, fullName, prNumber);
  }
  reviewComments(fullName: string, prNumber: number) {
    return views.reviewComments(this.core, fullName, prNumber);
  }
  checkRuns(fullName: string, filter: { headSha?: string } = {}) {
    return views.checkRuns(this.core, fullName, filter);
  }
  deployments(fullName: string) {
    return views.deployments(this.core, fullName);
  }
  workflowDispatches(fullName: string) {
    return views.workflowDispatches(this.core, fullName);
  }
  workflowRuns(fullName: string) {
    return views.workflowRuns(this.core, fullName);
  }
  branches(fullName: string) {
    return views.branches(this.core, fullName);
  }
  get requests(): readonly RequestLogEntry[] {
    return this.core.requests;
  }
  get violations(): readonly Violation[] {
    return this.core.violations.list;
  }
  /** Throws one error listing every violation recorded so far. */
  assertNoViolations(): void {
    this.core.violations.assertNone();
  }

  /** Waits for deliveries in flight, stops the server and deletes the bare repositories. */
  async close(): Promise<void> {
    await this.core.dispatcher.settle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
    await rm(this.tempDir, { recursive: true, force: true });
  }
}
