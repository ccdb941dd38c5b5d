/**
 * Finding a person of one agency from what an admin types: `@username`, a Telegram id, a
 * WhatsApp number, a person id or an exact name (case-insensitive). Same semantics as the
 * directory's findPerson, but scoped to the agency and refusing an ambiguous name instead of
 * picking one of two "Budi"s.
 */
import { fail } from '../../domain/errors.js';
import type { Person, Prisma } from '../../generated/prisma/client.js';
import { normalizePhone } from '../../lib/phone.js';
import type { Tx } from '../report-row.js';
import { personLabel } from './private-targets.js';

/** A person belongs to an agency by their agency field or by any role request there. */
const inAgency = (agencyId: string): Prisma.PersonWhereInput => ({ OR: [{ agencyId }, { roles: { some: { agencyId } } }] });

export async function findPersonInAgency(db: Tx, agencyId: string, ref: string): Promise<Person> {
  const raw = ref.trim().replace(/\s+/g, ' ');
  const byUsername = raw.startsWith('@');
  const r = raw.replace(/^@/, '');
  if (!r) fail('PERSON_NOT_FOUND', { ref });
  // Exact identifiers first: they cannot be ambiguous.
  const ids: Prisma.PersonWhereInput[] = [];
  if (byUsername) ids.push({ telegramUsername: { equals: r, mode: 'insensitive' } });
  else {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(r)) ids.push({ id: r.toLowerCase() });
    if (/^\d{1,20}$/.test(r)) ids.push({ telegramId: r });
    const phone = /^[+0-9\s().-]{9,}$/.test(r) ? normalizePhone(r) : null;
    if (phone) ids.push({ whatsapp: phone });
  }
  if (ids.length > 0) {
    const exact = await db.person.findMany({ where: { AND: [{ OR: ids }, inAgency(agencyId)] }, take: 3 });
    if (exact.length === 1) return exact[0]!;
    if (exact.length > 1) fail('PERSON_AMBIGUOUS', { ref, candidates: exact.map(personLabel).join(', ') });
    if (byUsername) fail('PERSON_NOT_FOUND', { ref });
  }
  const named = await db.person.findMany({
    where: { AND: [{ OR: [{ name: { equals: r, mode: 'insensitive' } }, { telegramUsername: { equals: r, mode: 'insensitive' } }] }, inAgency(agencyId)] },
    orderBy: { createdAt: 'asc' },
    take: 5,
  });
  if (named.length === 1) return named[0]!;
  if (named.length > 1) fail('PERSON_AMBIGUOUS', { ref, candidates: named.map(personLabel).join(', ') });
  return fail('PERSON_NOT_FOUND', { ref });
}
