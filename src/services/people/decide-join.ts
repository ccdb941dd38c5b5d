/**
 * `/setujui` and `/tolak`: the Admin Instansi of the request's agency decides a join request.
 * Approval makes the role active, tells the person privately and welcomes them in the unit's
 * chats; rejection tells the person why. Either way the request's admin messages lose their
 * buttons, and a second decision is refused with who decided and when.
 */
import { DomainError, fail } from '../../domain/errors.js';
import { ROLE_LABEL } from '../../domain/labels.js';
import type { Person, RoleAssignment, Unit } from '../../generated/prisma/client.js';
import type { OutMessage } from '../../lib/message.js';
import { formatDateTime, formatTime } from '../../messages/format.js';
import { requireAdmin } from '../acl.js';
import { audit } from '../audit.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { enqueue, enqueueEdit, unitTargets } from '../outbox.js';
import type { Tx } from '../report-row.js';
import { privateTargetsOf } from './private-targets.js';
import { requestMessageKey } from './request-join.js';

export type Decision = 'approve' | 'reject';

export interface DecideInput {
  /** Agency the admin acts in: where a short id is looked up. */
  agencyId: string | null;
  /** The request's uuid, or its first 8 hex characters. */
  ref: string;
  decision: Decision;
  reason?: string;
}

export interface Decided {
  assignment: RoleAssignment;
  person: Person;
  unit: Unit | null;
  /** Unit chats that got the welcome (approval only). */
  welcomed: number;
}

const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OUTCOME: Record<string, string> = { APPROVED: 'disetujui', REJECTED: 'ditolak', REVOKED: 'dicabut', PENDING: 'menunggu' };

export async function decideJoin(ctx: ServiceContext, actor: ActorRef, input: DecideInput): Promise<Decided> {
  const found = await findRequest(ctx, input.agencyId, input.ref.trim().toLowerCase());
  requireAdmin(actor, found.agencyId);
  const cal = await ctx.calendars.get(found.agencyId);
  const now = ctx.clock.now();
  const reason = input.reason?.trim() || undefined;

  const alreadyDecided = async (a: RoleAssignment): Promise<never> => {
    const [person, unit, by] = [
      await ctx.db.person.findUnique({ where: { id: a.personId } }),
      a.unitId ? await ctx.db.unit.findUnique({ where: { id: a.unitId } }) : null,
      a.decidedById ? await ctx.db.person.findUnique({ where: { id: a.decidedById } }) : null,
    ];
    throw new DomainError('ALREADY_DECIDED', {
      who: person?.name, role: ROLE_LABEL[a.role], unit: unit?.code ?? '', by: by?.name,
      at: a.decidedAt ? formatDateTime(a.decidedAt, cal.timeZone) : '—', outcome: OUTCOME[a.state],
    });
  };
  if (found.state !== 'PENDING') await alreadyDecided(found);

  try {
    return await ctx.db.$transaction(async (tx) => {
      // The state guard makes two admins pressing at once safe: only one update matches.
      const state = input.decision === 'approve' ? 'APPROVED' : 'REJECTED';
      const claimed = await tx.roleAssignment.updateMany({ where: { id: found.id, state: 'PENDING' }, data: { state, decidedById: actor.personId, decidedAt: now } });
      if (claimed.count !== 1) throw new Raced();
      const assignment = await tx.roleAssignment.findUniqueOrThrow({ where: { id: found.id } });
      let person = await tx.person.findUniqueOrThrow({ where: { id: assignment.personId } });
      const unit = assignment.unitId ? await tx.unit.findUnique({ where: { id: assignment.unitId } }) : null;
      const what = `${ROLE_LABEL[assignment.role]}${unit ? ` ${unit.code}` : ''}`;
      const at = formatTime(now, cal.timeZone);
      let welcomed = 0;

      if (input.decision === 'approve') {
        person = await tx.person.update({ where: { id: person.id }, data: { active: true, agencyId: await homeAgency(tx, person, assignment.agencyId) } });
        // At most one approved copy of a role: an older one (e.g. from before a deactivation) is retired.
        await tx.roleAssignment.updateMany({
          where: { personId: person.id, role: assignment.role, unitId: assignment.unitId, agencyId: assignment.agencyId, state: 'APPROVED', id: { not: assignment.id } },
          data: { state: 'REVOKED', decidedById: actor.personId, decidedAt: now },
        });
        await audit(tx, actor, 'role_approved', { agencyId: assignment.agencyId, subject: person.id, data: { assignmentId: assignment.id, role: assignment.role, unitId: assignment.unitId } });
        const dm = [
          `✅ Permintaan Anda disetujui oleh ${actor.label}: Anda kini ${what}${unit ? ` (${unit.name})` : ''}.`,
          '',
          'Langkah pertama:',
          '• /bantuan — daftar perintah untuk peran Anda, dengan contoh',
          '• /saya — laporan yang sedang Anda pegang',
          ...(assignment.role === 'penghubung' ? ['• Di grup unit: tekan Ambil pada pesan laporan (atau /ambil <nomor>), lalu /respon (respon awal) dan /tindaklanjut (jawaban substantif).'] : []),
        ].join('\n');
        for (const t of privateTargetsOf(person)) await enqueue(tx, t, { text: dm }, { purpose: 'dm' });
        if (unit) {
          const welcome = [
            `👋 Selamat bergabung, ${person.name} — ${what}!`,
            assignment.role === 'penghubung'
              ? 'Cara singkat: tekan Ambil pada pesan laporan (atau /ambil <nomor>), kirim /respon sebagai tanda terima, lalu /tindaklanjut dengan jawaban; tambahkan --selesai bila tuntas.'
              : 'Cara singkat: ketik /bantuan untuk perintah yang tersedia bagi Anda.',
            'Ketik /bantuan untuk semua perintah dan /saya untuk laporan yang Anda pegang.',
          ].join('\n');
          for (const t of await unitTargets(tx, unit.id)) {
            await enqueue(tx, t, { text: welcome }, { purpose: 'notice' });
            welcomed++;
          }
        }
        await closeRequestMessages(tx, assignment.id, `✅ Disetujui oleh ${actor.label} (${at}).`);
      } else {
        await audit(tx, actor, 'role_rejected', { agencyId: assignment.agencyId, subject: person.id, data: { assignmentId: assignment.id, role: assignment.role, unitId: assignment.unitId, reason: reason ?? null } });
        const dm = `❌ Permintaan Anda bergabung sebagai ${what} ditolak oleh ${actor.label}.${reason ? `\nAlasan: ${reason}` : ''}\nHubungi Admin Instansi bila ini keliru.`;
        for (const t of privateTargetsOf(person)) await enqueue(tx, t, { text: dm }, { purpose: 'dm' });
        await closeRequestMessages(tx, assignment.id, `❌ Ditolak oleh ${actor.label} (${at})${reason ? `: ${reason.replace(/[.!?]+$/, '')}` : ''}.`);
      }
      return { assignment, person, unit, welcomed };
    });
  } catch (e) {
    if (e instanceof Raced) return alreadyDecided(await ctx.db.roleAssignment.findUniqueOrThrow({ where: { id: found.id } }));
    throw e;
  }
}

/** Another admin decided between our read and our update. */
class Raced extends Error {}

/** A full id anywhere (the ACL checks the agency next); a short id among this agency's requests. */
async function findRequest(ctx: ServiceContext, agencyId: string | null, ref: string): Promise<RoleAssignment> {
  const notFound = (): never => fail('NOT_FOUND', { what: 'Permintaan bergabung', code: ref });
  if (FULL_ID.test(ref)) return (await ctx.db.roleAssignment.findUnique({ where: { id: ref } })) ?? notFound();
  if (!/^[0-9a-f]{8}$/.test(ref)) fail('INVALID_ARGS', { field: 'id', value: ref, expected: '8 karakter pertama ID permintaan, mis. 3f2a9c1b' });
  if (!agencyId) fail('CHAT_NOT_FOUND');
  const rows = await ctx.db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM role_assignment
    WHERE agency_id = ${agencyId}::uuid AND id::text LIKE ${`${ref}%`}
    ORDER BY created_at DESC`;
  const matches = await ctx.db.roleAssignment.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { createdAt: 'desc' } });
  const pending = matches.filter((m) => m.state === 'PENDING');
  if (pending.length > 1) fail('INVALID_ARGS', { field: 'id', value: ref, expected: 'ID pendek ini cocok dengan beberapa permintaan; pakai tombol pada pesan permintaan' });
  // No pending match: the newest decided one, so the admin hears who decided it.
  return pending[0] ?? matches[0] ?? notFound();
}

/** The agency a person belongs to after approval: kept when they still hold roles in their current one. */
async function homeAgency(tx: Tx, person: Person, agencyId: string): Promise<string> {
  if (!person.agencyId || person.agencyId === agencyId) return agencyId;
  const stillThere = await tx.roleAssignment.count({ where: { personId: person.id, agencyId: person.agencyId, state: 'APPROVED' } });
  return stillThere > 0 && person.active ? person.agencyId : agencyId;
}

/** The request's messages in the admin chats: decision appended, buttons removed. */
async function closeRequestMessages(tx: Tx, assignmentId: string, line: string): Promise<void> {
  const rows = await tx.outbox.findMany({ where: { dedupeKey: { startsWith: requestMessageKey(assignmentId) }, kind: 'send' } });
  for (const row of rows) {
    const message: OutMessage = { text: `${(row.payload as unknown as OutMessage).text}\n\n${line}` };
    if (row.status === 'PENDING') await tx.outbox.update({ where: { id: row.id }, data: { payload: message as never } });
    else if (row.status === 'SENT' || row.status === 'SENDING') await enqueueEdit(tx, row, message);
  }
}
