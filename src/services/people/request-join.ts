/**
 * `/gabung`: someone asks to join a work unit as Pejabat Penghubung or operator. The person is
 * created from their chat identity when unknown, the request waits as a PENDING role, and the
 * Admin Instansi gets it with [Setujui][Tolak] buttons (and the typed alternative).
 */
import { fail } from '../../domain/errors.js';
import { ROLE_LABEL } from '../../domain/labels.js';
import type { Platform } from '../../domain/types.js';
import type { Person, RoleAssignment, Unit } from '../../generated/prisma/client.js';
import { normalizePhone } from '../../lib/phone.js';
import { encodeCallback } from '../../messages/callback-data.js';
import { formatDateTime } from '../../messages/format.js';
import { audit } from '../audit.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { normalizeCode } from '../directory/agency-and-units.js';
import { adminTargets, enqueue } from '../outbox.js';
import type { Tx } from '../report-row.js';
import { personLabel, privateTargetsOf, shortId } from './private-targets.js';

/** Roles a person may ask for themselves; agency-wide roles are granted by an admin or the CLI. */
export type JoinRole = 'penghubung' | 'operator';

export interface JoinRequest {
  platform: Platform;
  /** Platform user id: Telegram user id, WhatsApp number, console person id. */
  userId: string;
  /** Display name the platform gave. */
  name: string;
  username?: string;
  /** The unit by code, or by id (a unit chat's own unit when no code was typed). */
  unit: { code: string } | { id: string };
  role: JoinRole;
}

export interface JoinResult {
  person: Person;
  assignment: RoleAssignment;
  unit: Unit;
  /** Admin chats (or admins' private chats) the request went to. */
  notified: number;
}

/** Prefix of the outbox dedupe key of a request's admin messages, so a decision can edit them. */
export const requestMessageKey = (assignmentId: string): string => `join:${assignmentId}:`;

type Identity = { telegramId: string; telegramUsername: string | null } | { whatsapp: string } | { personId: string };

function identityOf(req: JoinRequest): Identity {
  switch (req.platform) {
    case 'telegram':
      if (!/^\d{1,20}$/.test(req.userId)) fail('INVALID_ARGS', { field: 'telegram', value: req.userId, expected: 'ID pengguna Telegram berupa angka' });
      return { telegramId: req.userId, telegramUsername: req.username?.replace(/^@/, '') || null };
    case 'whatsapp': {
      const phone = normalizePhone(req.userId.replace(/@c\.us$/, ''));
      return phone ? { whatsapp: phone } : fail('INVALID_ARGS', { field: 'whatsapp', value: req.userId, expected: 'nomor WhatsApp yang valid' });
    }
    case 'console':
      // Console people are created with the CLI; an unknown console id is a typo, not a newcomer.
      return { personId: req.userId };
  }
}

async function findByIdentity(tx: Tx, id: Identity): Promise<Person | null> {
  if ('telegramId' in id) return tx.person.findUnique({ where: { telegramId: id.telegramId } });
  if ('whatsapp' in id) return tx.person.findUnique({ where: { whatsapp: id.whatsapp } });
  return /^[0-9a-f-]{36}$/i.test(id.personId) ? tx.person.findUnique({ where: { id: id.personId } }) : null;
}

export async function requestJoin(ctx: ServiceContext, req: JoinRequest): Promise<JoinResult> {
  const identity = identityOf(req);
  const unit =
    ('code' in req.unit ? await ctx.db.unit.findUnique({ where: { code: normalizeCode(req.unit.code) } }) : await ctx.db.unit.findUnique({ where: { id: req.unit.id } })) ??
    fail('UNIT_NOT_FOUND', { code: 'code' in req.unit ? req.unit.code : '' });
  const cal = await ctx.calendars.get(unit.agencyId);
  const roleLabel = ROLE_LABEL[req.role];
  const now = ctx.clock.now();

  return ctx.db.$transaction(async (tx) => {
    let person = await findByIdentity(tx, identity);
    if (!person && 'personId' in identity) {
      fail('INVALID_ARGS', { field: 'konsol', value: req.userId, expected: 'orang di konsol dibuat lewat CLI (penghubung person add), lalu pilih dengan :as <nama>' });
    }
    if (person) {
      const existing = await tx.roleAssignment.findFirst({
        where: { personId: person.id, unitId: unit.id, role: req.role, state: { in: ['APPROVED', 'PENDING'] } },
        orderBy: { createdAt: 'desc' },
      });
      // A deactivated person's old approval does not count: they ask again and an admin decides.
      if (existing?.state === 'APPROVED' && person.active) fail('ALREADY_MEMBER', { role: roleLabel, unit: unit.code });
      if (existing?.state === 'PENDING') fail('REQUEST_PENDING', { role: roleLabel, unit: unit.code, since: formatDateTime(existing.createdAt, cal.timeZone) });
    }

    const name = req.name.trim() || req.username?.replace(/^@/, '') || req.userId;
    if (!person) {
      person = await tx.person.create({
        data: {
          name,
          agencyId: null, // set when an admin approves
          telegramId: 'telegramId' in identity ? identity.telegramId : null,
          telegramUsername: 'telegramId' in identity ? identity.telegramUsername : null,
          whatsapp: 'whatsapp' in identity ? identity.whatsapp : null,
        },
      });
      await audit(tx, actorOf(person, req.platform), 'person_added', { agencyId: unit.agencyId, subject: person.id, data: { name, via: 'gabung' } });
    } else if ('telegramId' in identity && identity.telegramUsername && identity.telegramUsername !== person.telegramUsername) {
      person = await tx.person.update({ where: { id: person.id }, data: { telegramUsername: identity.telegramUsername } });
    }
    const actor = actorOf(person, req.platform);

    const assignment = await tx.roleAssignment.create({
      data: { personId: person.id, agencyId: unit.agencyId, unitId: unit.id, role: req.role, state: 'PENDING', createdAt: now },
    });
    await audit(tx, actor, 'role_requested', { agencyId: unit.agencyId, subject: person.id, data: { assignmentId: assignment.id, role: req.role, unit: unit.code } });

    const text = await requestText(tx, person, assignment, unit, roleLabel);
    const buttons = [[
      { label: 'Setujui', data: encodeCallback('approve', assignment.id) },
      { label: 'Tolak', data: encodeCallback('reject', assignment.id) },
    ]];
    // The admin group; when the agency has none yet, every admin privately.
    let targets = await adminTargets(tx, unit.agencyId);
    if (targets.length === 0) {
      const admins = await tx.person.findMany({
        where: { active: true, roles: { some: { agencyId: unit.agencyId, role: 'admin_instansi', state: 'APPROVED' } } },
        orderBy: { createdAt: 'asc' },
      });
      targets = admins.flatMap(privateTargetsOf);
    }
    let i = 0;
    for (const target of targets) {
      await enqueue(tx, target, { text, buttons }, { purpose: 'notice', dedupeKey: `${requestMessageKey(assignment.id)}${i++}` });
    }
    return { person, assignment, unit, notified: targets.length };
  });
}

function actorOf(person: Person, source: Platform): ActorRef {
  return { personId: person.id, label: person.name, source, roles: [] };
}

async function requestText(tx: Tx, person: Person, a: RoleAssignment, unit: Unit, roleLabel: string): Promise<string> {
  const held = await tx.roleAssignment.findMany({
    where: { personId: person.id, state: 'APPROVED' },
    include: { unit: { select: { code: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const already = person.active && held.length
    ? `\nSaat ini: ${held.map((h) => `${ROLE_LABEL[h.role]}${h.unit ? ` ${h.unit.code}` : ''}`).join(', ')}.`
    : '';
  const id = shortId(a.id);
  return [
    `👤 ${personLabel(person)} meminta bergabung sebagai ${roleLabel} ${unit.code} (${unit.name}).${already}`,
    '',
    'Tekan Setujui atau Tolak, atau ketik:',
    `/setujui ${id}`,
    `/tolak ${id} <alasan>`,
  ].join('\n');
}
