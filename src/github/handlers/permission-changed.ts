import type { Context } from 'probot';
import type { WebhookDeps } from '../webhook-deps.js';

/**
 * Events after which someone's access may differ from the answer cached for `PERMISSION_CACHE_SECONDS`:
 * a collaborator added, removed or given another role; someone joining, invited to or leaving the
 * organization; team membership or a team's access changing; repositories added to or removed from the
 * installation.
 */
export const PERMISSION_EVENTS = [
  'member',
  'organization.member_added',
  'organization.member_removed',
  'organization.member_invited',
  'membership',
  'team',
  'installation_repositories',
] as const;

type PermissionEvent = (typeof PERMISSION_EVENTS)[number];

/**
 * Drops the cached permission answers such a change may have made wrong, so a person who lost access cannot
 * start or steer runs until the cache would have expired: the repository's for a collaborator change and for
 * repositories leaving or joining the installation, the whole owner's for organization and team changes
 * (a team's access reaches repositories the event does not list).
 */
export function handlePermissionChanged(deps: WebhookDeps) {
  return (context: Context<PermissionEvent>): void => {
    const { payload } = context;
    if ('repositories_removed' in payload) {
      for (const repo of [...payload.repositories_removed, ...payload.repositories_added]) {
        const [owner, name] = repo.full_name?.split('/') ?? [];
        if (owner && name) deps.senderPolicy.forget({ owner, repo: name });
      }
      context.log.info('permission cache cleared for the repositories that joined or left the installation');
      return;
    }
    if ('member' in payload && 'repository' in payload && payload.repository) {
      deps.senderPolicy.forget({ owner: payload.repository.owner.login, repo: payload.repository.name });
      context.log.info({ member: payload.member?.login }, 'permission cache cleared for the repository');
      return;
    }
    if ('organization' in payload && payload.organization) {
      deps.senderPolicy.forgetOwner(payload.organization.login);
      context.log.info(
        { owner: payload.organization.login },
        'permission cache cleared for the organization',
      );
    }
  };
}
