import type { Context, Hono } from 'hono';
import type { SessionAuthentication } from '../v1/api-v1-app.js';
import type { PageViewer } from './dashboard-page.js';

/** Who is looking at a dashboard page, or why they may not, or where they must sign in first. */
export type ViewerAnswer =
  | { kind: 'viewer'; viewer: PageViewer }
  | { kind: 'refused'; reason: string }
  | { kind: 'sign-in'; location: string };

/** How the dashboard knows its viewer: this machine only (no login configured), or GitHub login. */
export interface DashboardAuth {
  /** Adds the routes the sign-in needs (none without login). */
  register(app: Hono): void;
  viewer(c: Context): Promise<ViewerAnswer>;
  /** The API's caller for the dashboard's own requests (its session), or undefined. */
  authenticateApi: SessionAuthentication;
  /** Whether the API trusts this machine without tokens (only without sign-in). */
  loopbackAccess: boolean;
}
