/**
 * Who may do what with information requests: operators ask (and follow up, close, promote);
 * the unit's PICs and liaison officers, or the Admin Instansi, answer. The system actor (CLI,
 * jobs) is trusted as everywhere else.
 */
import { fail } from '../domain/errors.js';
import { hasRole, isAdminOf, isSystem } from '../services/acl.js';
import type { ActorRef } from '../services/context.js';

export function isOperator(actor: ActorRef, agencyId: string): boolean {
  return hasRole(actor, 'operator', { agencyId });
}

/** Only a registered operator opens a request (it needs a person to relay the answer to). */
export function requireAsker(actor: ActorRef, agencyId: string): string {
  if (!actor.personId || !isOperator(actor, agencyId)) fail('FORBIDDEN', { need: 'operator' });
  return actor.personId;
}

/** Follow-ups, closing and promotion: operators of the agency, or its admin. */
export function requireOperatorOrAdmin(actor: ActorRef, agencyId: string): void {
  if (!isAdminOf(actor, agencyId) && !isOperator(actor, agencyId)) fail('FORBIDDEN', { need: 'Operator Live Chat atau Admin Instansi' });
}

/** True for the unit's PICs and liaison officers and the agency's admin. */
export function canAnswer(actor: ActorRef, ir: { agencyId: string; unitId: string }, picIds: readonly string[]): boolean {
  return (
    isSystem(actor) ||
    isAdminOf(actor, ir.agencyId) ||
    hasRole(actor, 'penghubung', { agencyId: ir.agencyId, unitId: ir.unitId }) ||
    (actor.personId !== null && picIds.includes(actor.personId))
  );
}

export function requireAnswerer(actor: ActorRef, ir: { agencyId: string; unitId: string }, picIds: readonly string[], unitCode: string): void {
  if (!canAnswer(actor, ir, picIds)) fail('FORBIDDEN', { need: `PIC atau Pejabat Penghubung ${unitCode}, atau Admin Instansi` });
}
