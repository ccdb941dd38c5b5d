/**
 * Who may do what (code of ethics: only people registered for a role act, and only within
 * their unit). The system actor (no person: CLI, import, API, scheduler) is trusted.
 */
import { fail } from '../domain/errors.js';
import type { Role } from '../domain/types.js';
import type { ActorRef, Grant } from './context.js';

export function isSystem(actor: ActorRef): boolean {
  return actor.personId === null && actor.roles === undefined;
}

export function hasRole(actor: ActorRef, role: Role, where: { agencyId: string; unitId?: string | null }): boolean {
  return (actor.roles ?? []).some(
    (g: Grant) =>
      g.role === role &&
      g.agencyId === where.agencyId &&
      (g.unitId === null || where.unitId === undefined || g.unitId === where.unitId),
  );
}

export function isAdminOf(actor: ActorRef, agencyId: string): boolean {
  return isSystem(actor) || hasRole(actor, 'admin_instansi', { agencyId });
}

/** Any approved role in the agency (status look-ups). */
export function isMemberOf(actor: ActorRef, agencyId: string): boolean {
  return isSystem(actor) || (actor.roles ?? []).some((g) => g.agencyId === agencyId);
}

export function requireAdmin(actor: ActorRef, agencyId: string): void {
  if (!isAdminOf(actor, agencyId)) fail('FORBIDDEN', { need: 'admin_instansi' });
}

/** Liaison officers of the report's current unit. */
export function requireUnitOfficer(actor: ActorRef, report: { agencyId: string; unitId: string | null }): void {
  if (isSystem(actor)) return;
  if (!report.unitId) fail('FORBIDDEN', { need: 'penghubung', reason: 'not_at_unit' });
  if (!hasRole(actor, 'penghubung', { agencyId: report.agencyId, unitId: report.unitId })) {
    fail('FORBIDDEN', { need: 'penghubung', unitId: report.unitId });
  }
}

export function requireMember(actor: ActorRef, agencyId: string): void {
  if (!isMemberOf(actor, agencyId)) fail('FORBIDDEN', { need: 'member' });
}
