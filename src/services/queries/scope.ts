/**
 * Which units' reports a person may list: the Admin Instansi (and, for /daftar, the Inspektorat)
 * sees the whole agency, a liaison officer the units where they hold that role.
 */
import type { Role } from '../../domain/types.js';
import { hasRole, isSystem } from '../acl.js';
import type { ActorRef } from '../context.js';

/** Units where the actor is an approved Pejabat Penghubung in this agency. */
export function officerUnitIds(actor: ActorRef, agencyId: string): string[] {
  const ids = (actor.roles ?? []).filter((g) => g.role === 'penghubung' && g.agencyId === agencyId && g.unitId !== null).map((g) => g.unitId as string);
  return [...new Set(ids)];
}

/** True when the actor holds one of `roles` agency-wide (or is the trusted system actor). */
export function seesWholeAgency(actor: ActorRef, agencyId: string, roles: readonly Role[]): boolean {
  return isSystem(actor) || roles.some((role) => hasRole(actor, role, { agencyId }));
}
