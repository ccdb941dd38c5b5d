/** People, their chat identities and their roles per unit. */
import { fail } from '../../domain/errors.js';
import type { Role } from '../../domain/types.js';
import type { Person, RoleAssignment } from '../../generated/prisma/client.js';
import { normalizePhone } from '../../lib/phone.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { audit } from '../audit.js';
import { normalizeCode } from './agency-and-units.js';

export interface PersonInput {
  name: string;
  agencyId?: string | null;
  telegramId?: string;
  telegramUsername?: string;
  whatsapp?: string;
}

export async function addPerson(ctx: ServiceContext, actor: ActorRef, input: PersonInput): Promise<Person> {
  const name = input.name.trim();
  if (!name) fail('INVALID_ARGS', { field: 'nama', expected: 'nama tidak boleh kosong' });
  if (input.telegramId !== undefined && !/^\d{1,20}$/.test(input.telegramId)) {
    fail('INVALID_ARGS', { field: 'telegram', value: input.telegramId, expected: 'ID pengguna Telegram berupa angka' });
  }
  const whatsapp = input.whatsapp === undefined ? null : (normalizePhone(input.whatsapp) ?? fail('INVALID_ARGS', { field: 'whatsapp', value: input.whatsapp, expected: 'nomor seperti 0812-3456-7890 atau +6281234567890' }));
  return ctx.db.$transaction(async (tx) => {
    if (input.telegramId && (await tx.person.findUnique({ where: { telegramId: input.telegramId } }))) fail('CONFLICT', { what: 'telegram', value: input.telegramId });
    if (whatsapp && (await tx.person.findUnique({ where: { whatsapp } }))) fail('CONFLICT', { what: 'whatsapp', value: whatsapp });
    const person = await tx.person.create({
      data: { name, agencyId: input.agencyId ?? null, telegramId: input.telegramId ?? null, telegramUsername: input.telegramUsername ?? null, whatsapp },
    });
    await audit(tx, actor, 'person_added', { agencyId: input.agencyId, subject: person.id, data: { name } });
    return person;
  });
}

/** Find a person by id, Telegram id, WhatsApp number or exact name (case-insensitive). */
export async function findPerson(ctx: ServiceContext, ref: string): Promise<Person> {
  const r = ref.trim().replace(/^@/, '');
  const phone = /^[+0-9\s-]{9,}$/.test(r) ? normalizePhone(r) : null;
  const found =
    (/^[0-9a-f-]{36}$/i.test(r) ? await ctx.db.person.findUnique({ where: { id: r } }) : null) ??
    (/^\d+$/.test(r) ? await ctx.db.person.findUnique({ where: { telegramId: r } }) : null) ??
    (phone ? await ctx.db.person.findUnique({ where: { whatsapp: phone } }) : null) ??
    (await ctx.db.person.findFirst({ where: { OR: [{ telegramUsername: { equals: r, mode: 'insensitive' } }, { name: { equals: r, mode: 'insensitive' } }] } }));
  return found ?? fail('PERSON_NOT_FOUND', { ref });
}

/** Roles that cover the whole agency rather than one unit. */
export const AGENCY_WIDE_ROLES: readonly Role[] = ['admin_instansi', 'inspektorat'];

/**
 * Grant a role, approved at once (CLI and admins). Agency-wide roles take the agency; unit roles
 * take a unit code. Granting a role the person already holds is a no-op.
 */
export async function grantRole(
  ctx: ServiceContext,
  actor: ActorRef,
  input: { personId: string; role: Role; unitCode?: string; agencyId?: string },
): Promise<RoleAssignment> {
  return ctx.db.$transaction(async (tx) => {
    const person = (await tx.person.findUnique({ where: { id: input.personId } })) ?? fail('PERSON_NOT_FOUND', { ref: input.personId });
    let agencyId: string;
    let unitId: string | null = null;
    if (input.unitCode) {
      const unit = (await tx.unit.findUnique({ where: { code: normalizeCode(input.unitCode) } })) ?? fail('UNIT_NOT_FOUND', { code: input.unitCode });
      agencyId = unit.agencyId;
      unitId = AGENCY_WIDE_ROLES.includes(input.role) ? null : unit.id;
    } else {
      if (!AGENCY_WIDE_ROLES.includes(input.role)) fail('UNIT_REQUIRED', { role: input.role });
      agencyId = input.agencyId ?? person.agencyId ?? fail('INVALID_ARGS', { field: 'agency', expected: 'sebutkan instansi' });
    }
    const existing = await tx.roleAssignment.findFirst({ where: { personId: person.id, role: input.role, unitId, agencyId, state: 'APPROVED' } });
    if (existing) return existing;
    const granted = await tx.roleAssignment.create({
      data: { personId: person.id, agencyId, unitId, role: input.role, state: 'APPROVED', decidedById: actor.personId, decidedAt: ctx.clock.now() },
    });
    if (!person.agencyId) await tx.person.update({ where: { id: person.id }, data: { agencyId } });
    await audit(tx, actor, 'role_granted', { agencyId, subject: person.id, data: { role: input.role, unitId } });
    return granted;
  });
}
