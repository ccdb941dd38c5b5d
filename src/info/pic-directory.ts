/**
 * The directory of people in charge (PIC) per unit and topic, with office hours: who answers
 * information requests. Admins keep it (`/pic tambah`, `/pic hapus`, `penghubung pic add`);
 * everyone registered can look it up (`/pic [topik]`).
 */
import { fail } from '../domain/errors.js';
import type { PicEntry } from '../generated/prisma/client.js';
import { requireAdmin } from '../services/acl.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { normalizeCode } from '../services/directory/agency-and-units.js';
import { findPersonInAgency } from '../services/people/find-person.js';
import { topicScore } from './topics.js';

export interface PicLine {
  id: string;
  unit: { id: string; code: string; name: string };
  person: { id: string; name: string; telegramUsername: string | null };
  topic: string | null;
  officeHours: string | null;
}

export interface NewPic {
  /** The acting chat's agency, when known: the unit must belong to it. */
  agencyId?: string | null;
  unitCode: string;
  personRef: string;
  topic?: string | null;
  officeHours?: string | null;
}

export async function addPic(ctx: ServiceContext, actor: ActorRef, input: NewPic): Promise<PicLine> {
  const code = normalizeCode(input.unitCode);
  const unit = await ctx.db.unit.findUnique({ where: { code } });
  if (!unit || (input.agencyId && unit.agencyId !== input.agencyId)) return fail('UNIT_NOT_FOUND', { code });
  requireAdmin(actor, unit.agencyId);
  const topic = input.topic?.trim() || null;
  const officeHours = input.officeHours?.trim() || null;
  if (topic && topic.length > 80) fail('INVALID_ARGS', { field: 'topik', expected: 'paling panjang 80 karakter' });
  return ctx.db.$transaction(async (tx) => {
    const person = await findPersonInAgency(tx, unit.agencyId, input.personRef);
    const same = await tx.picEntry.findMany({ where: { unitId: unit.id, personId: person.id } });
    if (same.some((e) => (e.topic ?? '').toLowerCase() === (topic ?? '').toLowerCase())) {
      fail('CONFLICT', { what: 'PIC', value: `${person.name} untuk ${code}${topic ? ` (${topic})` : ''}` });
    }
    const entry = await tx.picEntry.create({ data: { agencyId: unit.agencyId, unitId: unit.id, personId: person.id, topic, officeHours } });
    await audit(tx, actor, 'pic_added', { agencyId: unit.agencyId, subject: entry.id, data: { unit: code, personId: person.id, topic, officeHours } });
    return line(entry, unit, person);
  });
}

/** Remove an entry by its id or the id's first 8 characters (as `/pic` shows it). */
export async function removePic(ctx: ServiceContext, actor: ActorRef, input: { agencyId?: string | null; id: string }): Promise<PicLine> {
  const ref = input.id.trim().toLowerCase();
  if (!/^[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/.test(ref)) fail('INVALID_ARGS', { field: 'id', value: input.id, expected: '8 karakter pertama ID yang tertera di /pic, mis. 3f2a9c1b' });
  const all = await ctx.db.picEntry.findMany({ where: input.agencyId ? { agencyId: input.agencyId } : {} });
  const matches = all.filter((e) => e.id.startsWith(ref));
  if (matches.length !== 1) return fail('NOT_FOUND', { what: 'Entri PIC', code: input.id });
  const entry = matches[0]!;
  requireAdmin(actor, entry.agencyId);
  return ctx.db.$transaction(async (tx) => {
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: entry.unitId } });
    const person = await tx.person.findUniqueOrThrow({ where: { id: entry.personId } });
    await tx.picEntry.delete({ where: { id: entry.id } });
    await audit(tx, actor, 'pic_removed', { agencyId: entry.agencyId, subject: entry.id, data: { unit: unit.code, personId: person.id, topic: entry.topic } });
    return line(entry, unit, person);
  });
}

/**
 * The directory of an agency, by unit code; with a query, only entries whose topic, unit code or
 * unit name matches it (an any-topic entry matches through its unit).
 */
export async function listPics(ctx: ServiceContext, input: { agencyId: string; query?: string | null }): Promise<PicLine[]> {
  const entries = await ctx.db.picEntry.findMany({ where: { agencyId: input.agencyId }, orderBy: { createdAt: 'asc' } });
  if (entries.length === 0) return [];
  const units = await ctx.db.unit.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.unitId))] } } });
  const people = await ctx.db.person.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.personId))] } } });
  const lines = entries
    .map((e) => line(e, units.find((u) => u.id === e.unitId)!, people.find((p) => p.id === e.personId)!))
    .sort((a, b) => a.unit.code.localeCompare(b.unit.code));
  const q = input.query?.trim();
  if (!q) return lines;
  return lines.filter((l) => topicScore(q, l.topic) > 0 || topicScore(q, l.unit.name) > 0 || l.unit.code.includes(q.toUpperCase()));
}

function line(e: PicEntry, unit: { id: string; code: string; name: string }, person: { id: string; name: string; telegramUsername: string | null }): PicLine {
  return {
    id: e.id,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    person: { id: person.id, name: person.name, telegramUsername: person.telegramUsername },
    topic: e.topic,
    officeHours: e.officeHours,
  };
}
