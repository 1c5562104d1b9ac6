import { notFound } from '../domain/errors.js';
import { serializeAuthenticatedUser } from '../serializers/users.js';
import type { RouteTable } from './types.js';

/** The signed-in person, for a user token from the OAuth web flow. */
export const userRoutes: RouteTable = {
  'users/get-authenticated': {
    auth: 'user',
    handle(ctx, req) {
      const user =
        req.caller.kind === 'user' ? ctx.state.users.get(req.caller.login.toLowerCase()) : undefined;
      if (!user) throw notFound();
      return { status: 200, body: serializeAuthenticatedUser(ctx, user) };
    },
  },
};
