/**
 * What a report change tells the chats, written to the outbox in the same transaction:
 * the living posts are edited, a new unit gets a post, the admin hears of a bounce, and the
 * claimant gets the full text privately.
 */
import type { WorkingCalendar } from '../domain/calendar.js';
import type { Transition } from '../domain/report-state.js';
import type { Report } from '../generated/prisma/client.js';
import type { OutMessage, Target } from '../lib/message.js';
import { mask, shorten } from '../lib/pii.js';
import { formatTime } from '../messages/format.js';
import { privateReportText, renderReportPost, type PostView } from '../messages/report-post.js';
import { reportButton } from '../messages/callback-data.js';
import type { ActorRef } from './context.js';
import { adminTargets, enqueue, enqueueEdit, unitTargets } from './outbox.js';
import { toState, type Tx } from './report-row.js';

export interface Change {
  before: Report;
  report: Report;
  transition: Transition;
  actor: ActorRef;
  note?: string;
  cal: WorkingCalendar;
  now: Date;
}

/** Load what a post shows (unit, claimant, reporter name for masking). */
export async function loadPostView(tx: Tx, report: Report): Promise<PostView> {
  // Sequential: a transaction is one connection, and pg refuses overlapping queries on it.
  const unit = report.unitId ? await tx.unit.findUnique({ where: { id: report.unitId }, select: { code: true, name: true } }) : null;
  const claimedBy = report.claimedById ? await tx.person.findUnique({ where: { id: report.claimedById }, select: { name: true } }) : null;
  const reporter = await tx.reporter.findUnique({ where: { reportId: report.id }, select: { name: true } });
  return { ...report, unit, claimedBy, reporterName: reporter?.name ?? null, state: toState(report) };
}

/** Masking options that also catch the reporter's own name, which officers often quote in notes. */
const knownNamesOf = (view: PostView) => ({ knownNames: view.reporterName ? [view.reporterName] : [] });

/** One line on what just happened, for the post's "Terakhir:" line. */
function lastLine(c: Change, unitCode: string | undefined, view: PostView): string {
  const who = c.actor.label;
  const at = formatTime(c.now, c.cal.timeZone);
  const note = c.note ? `: "${shorten(mask(c.note, knownNamesOf(view)), 160)}"` : '';
  switch (c.transition.event) {
    case 'claimed': return `diambil oleh ${who} (${at})`;
    case 'unclaimed': return `dilepas oleh ${who} (${at})`;
    case 'responded': return `respon awal oleh ${who} (${at})${note}`;
    case 'followed_up': return `tindak lanjut oleh ${who} (${at})${note}`;
    case 'closed': return `diselesaikan oleh ${who} (${at})${note}`;
    case 'bounced': return `bukan wewenang — dikembalikan ke Admin Instansi oleh ${who} (${at})${note}`;
    case 'rerouted': return `dialihkan ke ${unitCode ?? 'unit lain'} oleh ${who} (${at})`;
    case 'held': return `ditunda oleh ${who} (${at})${note}`;
    case 'resumed': return `dilanjutkan oleh ${who} (${at})`;
    case 'archived': return `diarsipkan oleh ${who} (${at})${note}`;
    case 'reopened': return `dibuka kembali oleh ${who} (${at})${note}`;
    case 'verified': return `diverifikasi oleh ${who} (${at})`;
    case 'disposed': return `didisposisikan ke ${unitCode ?? 'unit'} oleh ${who} (${at})`;
  }
}

/** Edit every existing post of the report (pending originals are rewritten instead). */
export async function refreshPosts(tx: Tx, reportId: string, message: OutMessage): Promise<void> {
  const posts = await tx.outbox.findMany({ where: { reportId, purpose: 'report_post', kind: 'send' } });
  if (posts.length === 0) return;
  // Only posts in the chats of the unit that holds the report keep their buttons: after a
  // re-route the old unit's post stays a read-only record.
  const report = await tx.report.findUnique({ where: { id: reportId }, select: { unitId: true } });
  const live = new Set(report?.unitId ? (await unitTargets(tx, report.unitId)).map((t) => `${t.platform}:${t.chatId}:${t.threadId ?? ''}`) : []);
  for (const post of posts) {
    const payload = live.has(`${post.platform}:${post.target}:${post.threadId}`) ? message : { text: message.text };
    if (post.status === 'PENDING') {
      await tx.outbox.update({ where: { id: post.id }, data: { payload: payload as never } });
    } else if (post.status === 'SENT' || post.status === 'SENDING') {
      await enqueueEdit(tx, post, payload);
    }
  }
}

/** A person's private chat on the platform they act from (console: a per-person inbox). */
async function privateTarget(tx: Tx, actor: ActorRef): Promise<Target | null> {
  if (!actor.personId) return null;
  const p = await tx.person.findUnique({ where: { id: actor.personId } });
  if (!p) return null;
  if (actor.source === 'telegram' && p.telegramId) return { platform: 'telegram', chatId: p.telegramId };
  if (actor.source === 'whatsapp' && p.whatsapp) return { platform: 'whatsapp', chatId: `${p.whatsapp.replace(/^\+/, '')}@c.us` };
  if (actor.source === 'console') return { platform: 'console', chatId: `dm:${p.id}` };
  return null;
}

export async function publishChange(tx: Tx, c: Change): Promise<void> {
  const view = await loadPostView(tx, c.report);
  const event = c.transition.event;
  const last = lastLine(c, view.unit?.code, view);
  const leftUnit = event === 'rerouted' || event === 'bounced';
  // Existing posts first: once the report left the unit, they lose their buttons.
  const current = renderReportPost(view, c.cal, c.now, { last });
  await refreshPosts(tx, c.report.id, leftUnit ? { text: current.text } : current);

  if ((event === 'disposed' || event === 'rerouted') && c.report.unitId) {
    const fresh = renderReportPost(view, c.cal, c.now);
    for (const target of await unitTargets(tx, c.report.unitId)) {
      await enqueue(tx, target, fresh, { purpose: 'report_post', reportId: c.report.id });
    }
  }
  if (event === 'bounced') {
    const text =
      `↩️ Laporan #${c.report.trackingId} dikembalikan: BUKAN WEWENANG\n` +
      `Oleh: ${c.actor.label} (${c.before.unitId ? (await tx.unit.findUnique({ where: { id: c.before.unitId } }))?.code ?? '' : ''})\n` +
      `Alasan: ${shorten(mask(c.note ?? '', knownNamesOf(view)), 500)}\n` +
      `Sudah ${c.report.bounceCount} kali dikembalikan.\n` +
      `Disposisikan ulang: /disposisi ${c.report.trackingId} <kode-unit>`;
    for (const target of await adminTargets(tx, c.report.agencyId)) {
      await enqueue(tx, target, { text, buttons: [[reportButton('Status', 'status', c.report.id)]] }, { purpose: 'notice', reportId: c.report.id });
    }
  }
  if (event === 'claimed') {
    const dm = await privateTarget(tx, c.actor);
    if (dm) {
      await enqueue(tx, dm, { text: privateReportText(c.report, view.reporterName ?? null) }, { purpose: 'dm', reportId: c.report.id });
    }
  }
}
