/**
 * `/serahkan`: when a liaison officer leaves, the Admin Instansi hands their open reports and
 * their unit roles to a successor in one step, so nothing they held is silently dropped
 * (DOMAIN.md: officers change often and knowledge is lost).
 */
import { fail } from '../../domain/errors.js';
import { ROLE_LABEL, STATUS_LABEL } from '../../domain/labels.js';
import type { ReportStatus } from '../../domain/types.js';
import type { Person, Report } from '../../generated/prisma/client.js';
import { shorten } from '../../lib/pii.js';
import { formatTime } from '../../messages/format.js';
import { groupTitle, privateReportText, renderReportPost } from '../../messages/report-post.js';
import { requireAdmin } from '../acl.js';
import { audit } from '../audit.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { enqueue, unitTargets } from '../outbox.js';
import { loadPostView, refreshPosts } from '../report-effects.js';
import { findPersonInAgency } from './find-person.js';
import { privateTargetsOf } from './private-targets.js';

/** Statuses in which a claim still means work to do. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['BELUM_DITINDAKLANJUTI', 'PROSES', 'TUNDA'];
/** Unit roles that move with the person's duties; agency-wide roles stay. */
const MOVABLE_ROLES = ['penghubung', 'operator'] as const;

export interface HandoverInput {
  agencyId: string;
  from: string;
  to: string;
  /** Also deactivate `from` (they left the agency). */
  deactivate: boolean;
}

export interface HandoverResult {
  from: Person;
  to: Person;
  reports: Report[];
  /** Roles of `from` that were moved (revoked from `from`; granted to `to` unless already held). */
  roles: number;
  deactivated: boolean;
}

export async function handOver(ctx: ServiceContext, actor: ActorRef, input: HandoverInput): Promise<HandoverResult> {
  const { agencyId } = input;
  requireAdmin(actor, agencyId);
  const from = await findPersonInAgency(ctx.db, agencyId, input.from);
  const to = await findPersonInAgency(ctx.db, agencyId, input.to);
  if (from.id === to.id) fail('INVALID_ARGS', { field: 'ke', value: input.to, expected: 'penerima serah terima harus orang lain' });
  if (!to.active) fail('INVALID_ARGS', { field: 'ke', value: input.to, expected: `${to.name} sudah dinonaktifkan; pilih petugas yang aktif` });
  // Loaded before the transaction: PGlite has one connection, and the calendar is cached anyway.
  const cal = await ctx.calendars.get(agencyId);
  const now = ctx.clock.now();
  const reason = `serah terima dari ${from.name} ke ${to.name}`;

  return ctx.db.$transaction(async (tx) => {
    // Lock the reports so a concurrent /ambil or /lepas sees the handover, not a half of it.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM report
      WHERE agency_id = ${agencyId}::uuid AND claimed_by_id = ${from.id}::uuid
        AND status IN ('BELUM_DITINDAKLANJUTI', 'PROSES', 'TUNDA')
      ORDER BY tracking_id
      FOR UPDATE`;
    const reports: Report[] = [];
    const titles: string[] = [];
    for (const { id } of locked) {
      const before = await tx.report.findUniqueOrThrow({ where: { id } });
      const report = await tx.report.update({ where: { id }, data: { claimedById: to.id, claimedAt: now, version: { increment: 1 } } });
      await tx.reportEvent.create({
        data: {
          reportId: id, actorId: actor.personId, actorLabel: actor.label, action: 'handed_over', reason, source: actor.source, at: now,
          before: { claimedById: before.claimedById, claimedAt: before.claimedAt?.toISOString() ?? null },
          after: { claimedById: to.id, claimedAt: now.toISOString() },
        },
      });
      const view = await loadPostView(tx, report);
      await refreshPosts(tx, id, renderReportPost(view, cal, now, { last: `${reason} oleh ${actor.label} (${formatTime(now, cal.timeZone)})` }));
      reports.push(report);
      titles.push(shorten(groupTitle(view), 80));
    }

    const held = await tx.roleAssignment.findMany({
      where: { personId: from.id, agencyId, state: 'APPROVED', role: { in: [...MOVABLE_ROLES] } },
      include: { unit: { select: { code: true } } },
      orderBy: { createdAt: 'asc' },
    });
    for (const r of held) {
      await tx.roleAssignment.update({ where: { id: r.id }, data: { state: 'REVOKED', decidedById: actor.personId, decidedAt: now } });
      const same = { personId: to.id, agencyId, unitId: r.unitId, role: r.role };
      if (await tx.roleAssignment.findFirst({ where: { ...same, state: 'APPROVED' } })) continue;
      // A successor who already asked to join this unit gets that request approved.
      const asked = await tx.roleAssignment.findFirst({ where: { ...same, state: 'PENDING' }, orderBy: { createdAt: 'asc' } });
      if (asked) await tx.roleAssignment.update({ where: { id: asked.id }, data: { state: 'APPROVED', decidedById: actor.personId, decidedAt: now } });
      else await tx.roleAssignment.create({ data: { ...same, state: 'APPROVED', decidedById: actor.personId, decidedAt: now } });
    }
    if (!to.agencyId) await tx.person.update({ where: { id: to.id }, data: { agencyId } });
    if (input.deactivate) await tx.person.update({ where: { id: from.id }, data: { active: false } });

    const roleText = held.map((r) => `${ROLE_LABEL[r.role]}${r.unit ? ` ${r.unit.code}` : ''}`).join(', ');
    await audit(tx, actor, 'handover', {
      agencyId,
      subject: from.id,
      data: {
        from: from.id, to: to.id, reports: reports.length, roles: held.length, deactivated: input.deactivate,
        trackingIds: reports.map((r) => r.trackingId), roleIds: held.map((r) => r.id),
      },
    });

    // Privately to both people.
    const details = [
      `Peran: ${roleText || '—'}`,
      ...(reports.length ? [`Laporan terbuka (${reports.length}):`, ...reports.map((r, i) => `• #${r.trackingId} (${STATUS_LABEL[r.status]}) ${titles[i]}`)] : ['Laporan terbuka: —']),
    ];
    const fromText = [
      `🔁 Serah terima oleh ${actor.label}: tugas Anda dialihkan ke ${to.name}.`,
      ...details,
      input.deactivate ? 'Akun Anda di bot dinonaktifkan. Terima kasih atas tugas Anda.' : 'Terima kasih atas tugas Anda.',
    ].join('\n');
    const toText = [
      `🔁 Serah terima dari ${from.name} oleh ${actor.label}: tugas berikut kini Anda pegang.`,
      ...details,
      reports.length ? 'Isi lengkap tiap laporan dikirim terpisah. Ketik /bantuan untuk perintah yang dapat Anda pakai.' : 'Ketik /bantuan untuk perintah yang dapat Anda pakai.',
    ].join('\n');
    for (const t of privateTargetsOf(from)) await enqueue(tx, t, { text: fromText }, { purpose: 'dm' });
    for (const t of privateTargetsOf(to)) {
      await enqueue(tx, t, { text: toText }, { purpose: 'dm' });
      // The successor handles these now: the substance, as a claim would send it (reporter contact stays in the database).
      for (const r of reports) {
        const reporter = await tx.reporter.findUnique({ where: { reportId: r.id }, select: { name: true } });
        await enqueue(tx, t, { text: privateReportText(r, reporter?.name ?? null, `untuk Anda saja, serah terima dari ${from.name}`) }, { purpose: 'dm', reportId: r.id });
      }
    }

    // One line to each unit whose reports or roles moved.
    const units = new Map<string, number>();
    for (const r of held) if (r.unitId) units.set(r.unitId, units.get(r.unitId) ?? 0);
    for (const r of reports) if (r.unitId) units.set(r.unitId, (units.get(r.unitId) ?? 0) + 1);
    for (const [unitId, n] of units) {
      const line = `🔁 Serah terima: tugas ${from.name} di unit ini dialihkan ke ${to.name}${n ? ` (${n} laporan terbuka)` : ''}.`;
      for (const t of await unitTargets(tx, unitId)) await enqueue(tx, t, { text: line }, { purpose: 'notice' });
    }
    return { from, to, reports, roles: held.length, deactivated: input.deactivate };
  });
}
