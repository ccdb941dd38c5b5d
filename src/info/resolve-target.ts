/**
 * Where a `/tanya` goes. A unit code goes straight to that unit. Anything else is read as a
 * topic and matched against the PIC directory (then unit names): the operator gets the likely
 * units to confirm. When the first word matches nothing, the whole question is matched instead,
 * so "/tanya Kapan pengumuman PPPK?" still finds the recruitment unit.
 */
import { fail } from '../domain/errors.js';
import type { Unit } from '../generated/prisma/client.js';
import type { ServiceContext } from '../services/context.js';
import { topicScore } from './topics.js';

export interface Option {
  unit: Pick<Unit, 'id' | 'code' | 'name'>;
  /** The directory topic that matched, if any (kept on the request so the right PIC is chosen). */
  topic: string | null;
  pics: string[];
  score: number;
}

export type Resolved =
  | { kind: 'unit'; unit: Unit; question: string }
  | { kind: 'choices'; options: Option[]; question: string };

const MAX_OPTIONS = 5;

export async function resolveTarget(ctx: ServiceContext, agencyId: string, first: string, rest: string): Promise<Resolved> {
  const code = first.trim().toUpperCase();
  const unit = /^[A-Z0-9][A-Z0-9-]{0,39}$/.test(code) ? await ctx.db.unit.findUnique({ where: { code } }) : null;
  if (unit && unit.agencyId === agencyId) {
    if (!rest.trim()) fail('INVALID_ARGS', { expected: 'tulis pertanyaannya setelah kode unit', usage: `/tanya ${unit.code} <pertanyaan>` });
    return { kind: 'unit', unit, question: rest.trim() };
  }
  const byTopic = await options(ctx, agencyId, first);
  if (byTopic.length && rest.trim()) return { kind: 'choices', options: byTopic, question: rest.trim() };
  const whole = `${first} ${rest}`.trim();
  const byQuestion = await options(ctx, agencyId, whole);
  if (byQuestion.length) return { kind: 'choices', options: byQuestion, question: whole };
  return fail('INVALID_ARGS', { expected: `"${first}" bukan kode unit dan tidak cocok dengan topik di direktori PIC. Ketik /pic untuk daftar topik atau /unit untuk kode unit`, usage: '/tanya <kode-unit|topik> <pertanyaan>' });
}

/** Units whose directory topics (worth more) or names match `text`, best first. */
async function options(ctx: ServiceContext, agencyId: string, text: string): Promise<Option[]> {
  const units = await ctx.db.unit.findMany({ where: { agencyId } });
  const entries = await ctx.db.picEntry.findMany({ where: { agencyId }, orderBy: { createdAt: 'asc' } });
  const people = await ctx.db.person.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.personId))] } }, select: { id: true, name: true } });
  const upper = text.trim().toUpperCase();
  const out: Option[] = [];
  for (const unit of units) {
    const own = entries.filter((e) => e.unitId === unit.id);
    let best: { topic: string | null; score: number } = { topic: null, score: 0 };
    for (const e of own) {
      const s = topicScore(text, e.topic) * 3;
      if (s > best.score) best = { topic: e.topic, score: s };
    }
    const byName = topicScore(text, unit.name) + (/^[A-Z0-9-]{3,}$/.test(upper) && unit.code.endsWith(`-${upper}`) ? 4 : 0);
    const score = Math.max(best.score, byName);
    if (score === 0) continue;
    const picIds = own.filter((e) => best.topic === null || e.topic === best.topic || e.topic === null).map((e) => e.personId);
    const pics = [...new Set(picIds)].map((id) => people.find((p) => p.id === id)?.name).filter((n): n is string => Boolean(n));
    out.push({ unit: { id: unit.id, code: unit.code, name: unit.name }, topic: best.score >= byName ? best.topic : null, pics, score });
  }
  return out.sort((a, b) => b.score - a.score || a.unit.code.localeCompare(b.unit.code)).slice(0, MAX_OPTIONS);
}
