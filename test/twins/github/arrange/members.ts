import type { TwinCore } from '../core.js';
import type { Permission } from '../state.js';
import { memberHook, organizationMemberRemovedHook } from '../webhooks/payloads.js';
import type { DeliveryResult } from '../webhooks/types.js';
import { onlyDelivery, userOf, withWebhooks } from './collect.js';

/**
 * An admin changes a person's access to a repository on its settings page: `none` removes the collaborator.
 * GitHub tells the app with a `member` webhook (added, removed or edited).
 */
export async function changeCollaborator(
  core: TwinCore,
  fullName: string,
  login: string,
  permission: Permission,
  options: { by: string },
): Promise<DeliveryResult> {
  const repo = core.ctx.state.repo(fullName);
  const member = userOf(core, login);
  const from = repo.permissions.get(login.toLowerCase()) ?? 'none';
  const action = permission === 'none' ? 'removed' : from === 'none' ? 'added' : 'edited';
  const { deliveries } = await withWebhooks(core, (emit) => {
    repo.permissions.set(login.toLowerCase(), permission);
    emit(memberHook(core.ctx, repo, member, { action, from, to: permission }, userOf(core, options.by)));
  });
  return onlyDelivery(deliveries);
}

/**
 * An organization owner removes a member: they lose access to every repository of the organization, and
 * GitHub sends `organization.member_removed` to the app installed on it.
 */
export async function removeOrganizationMember(
  core: TwinCore,
  organization: string,
  login: string,
  options: { by: string },
): Promise<DeliveryResult> {
  const { state } = core.ctx;
  const repos = [...state.repos.values()].filter(
    (r) => r.owner.login.toLowerCase() === organization.toLowerCase(),
  );
  const [first] = repos;
  if (!first) throw new Error(`GitHub twin: organization ${organization} has no repositories`);
  const { deliveries } = await withWebhooks(core, (emit) => {
    for (const repo of repos) repo.permissions.set(login.toLowerCase(), 'none');
    emit(
      organizationMemberRemovedHook(
        core.ctx,
        state.user(organization, 'Organization'),
        userOf(core, login),
        first.installationId,
        userOf(core, options.by),
      ),
    );
  });
  return onlyDelivery(deliveries);
}
