/**
 * Accepting a suggestion is an ordinary disposition by the admin who pressed the button (same ACL,
 * same transaction, same posts), recorded with `aiSuggestionAccepted: true` in the event, and the
 * suggestion row remembers who accepted it and when. A stale button never re-routes: once the
 * report has a unit, the suggestion is not applied.
 */
import type { Applied } from '../services/apply-report-action.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { requireAdmin } from '../services/acl.js';
import { disposeReport } from '../services/reports/admin-actions.js';
import { fail } from '../domain/errors.js';
import type { Button } from '../lib/message.js';
import { encodeCallback } from '../messages/callback-data.js';
import type { Suggestion, UnitSuggestion } from './suggest.js';

export type AcceptOutcome =
  | { kind: 'accepted'; applied: Applied; unitCode: string }
  | { kind: 'already_accepted'; trackingId: string; byName: string | null; at: Date }
  | { kind: 'already_routed'; trackingId: string; unitCode: string | null };

/** Button subject: the suggestion id, with `:n` for the n-th unit (0 = best, may be omitted). */
export function parseSuggestionSubject(subject: string): { suggestionId: string; choice: number } | null {
  const m = /^([0-9a-f-]{36})(?::([0-2]))?$/i.exec(subject);
  return m ? { suggestionId: m[1]!, choice: m[2] ? Number(m[2]) : 0 } : null;
}

/** "Disposisi ke X" buttons for the admin's notice, one per suggested unit (best first). */
export function suggestionButtons(s: Pick<Suggestion, 'id' | 'units'>): Button[][] {
  if (!s.id) return [];
  const id = s.id;
  return s.units.slice(0, 3).map((u, i) => [{ label: `Disposisi ke ${u.code}`, data: encodeCallback('dispose', i === 0 ? id : `${id}:${i}`) }]);
}

function unitsOf(json: unknown): UnitSuggestion[] {
  return Array.isArray(json) ? json.filter((u): u is UnitSuggestion => typeof u === 'object' && u !== null && typeof (u as UnitSuggestion).code === 'string') : [];
}

export async function acceptSuggestion(ctx: ServiceContext, actor: ActorRef, suggestionId: string, choice = 0): Promise<AcceptOutcome> {
  const s = await ctx.db.aiSuggestion.findUnique({ where: { id: suggestionId } });
  if (!s) fail('NOT_FOUND', { what: 'Saran', code: '' });
  const report = await ctx.db.report.findUnique({ where: { id: s.reportId }, include: { unit: { select: { code: true } } } });
  if (!report) fail('REPORT_NOT_FOUND', {});
  // Refuse before revealing anything about the report to someone who may not route it.
  requireAdmin(actor, report.agencyId);
  if (s.acceptedAt) {
    const by = s.acceptedById ? await ctx.db.person.findUnique({ where: { id: s.acceptedById }, select: { name: true } }) : null;
    return { kind: 'already_accepted', trackingId: report.trackingId, byName: by?.name ?? null, at: s.acceptedAt };
  }
  if (report.unitId !== null || report.status !== 'BELUM_TERVERIFIKASI') {
    return { kind: 'already_routed', trackingId: report.trackingId, unitCode: report.unit?.code ?? null };
  }
  const unit = unitsOf(s.unitCodes)[choice] ?? fail('NOT_FOUND', { what: 'Unit saran', code: `#${choice + 1}` });
  const applied = await disposeReport(ctx, actor, { reportId: report.id }, unit.code, {
    aiSuggestionAccepted: true,
    aiSuggestionId: s.id,
    aiSuggestionSource: s.source,
  });
  // Only the first acceptance is recorded; a concurrent second press already failed in disposeReport (SAME_UNIT).
  await ctx.db.aiSuggestion.updateMany({ where: { id: s.id, acceptedAt: null }, data: { acceptedById: actor.personId, acceptedAt: ctx.clock.now() } });
  return { kind: 'accepted', applied, unitCode: unit.code };
}
