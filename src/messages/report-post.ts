/**
 * The living message of a report in a group: posted on disposition and edited in place as the
 * report is claimed, answered, bounced or closed. Reporter identity never appears: the body is
 * masked, and confidential or anonymous reports show no body at all.
 */
import type { WorkingCalendar } from '../domain/calendar.js';
import { CATEGORY_LABEL, STATUS_LABEL } from '../domain/labels.js';
import { allowedActions, type ReportState } from '../domain/report-state.js';
import { workingDaysLeft } from '../domain/sla.js';
import type { Category, ReportStatus } from '../domain/types.js';
import type { Button, OutMessage } from '../lib/message.js';
import { mask, shorten } from '../lib/pii.js';
import { formatDateTime, formatDaysLeft, formatLocalDate, formatTime } from './format.js';
import { reportButton } from './callback-data.js';

export interface PostView {
  id: string;
  trackingId: string;
  title: string;
  body: string;
  category: string;
  status: ReportStatus;
  confidential: boolean;
  anonymous: boolean;
  receivedAt: Date;
  dueDate: Date | null;
  unit: { code: string; name: string } | null;
  claimedBy: { name: string } | null;
  claimedAt: Date | null;
  reporterName?: string | null;
  state: ReportState;
}

export interface PostLine {
  /** e.g. "Respon awal oleh Budi (09.12)" */
  last?: string;
}

const BODY_LIMIT = 600;

/** Body as the group may see it. */
export function groupBody(v: Pick<PostView, 'body' | 'confidential' | 'anonymous' | 'reporterName'>): string {
  if (v.confidential || v.anonymous) return '(isi laporan rahasia/anonim tidak ditampilkan di grup; ambil laporan untuk membaca lengkap secara pribadi)';
  return shorten(mask(v.body, { knownNames: v.reporterName ? [v.reporterName] : [] }), BODY_LIMIT);
}

/** Title as the group may see it (titles carry names too). */
export function groupTitle(v: Pick<PostView, 'title' | 'reporterName'>): string {
  return shorten(mask(v.title, { knownNames: v.reporterName ? [v.reporterName] : [] }), 200);
}

/** Render the living post for a unit chat. */
export function renderReportPost(v: PostView, cal: WorkingCalendar, now: Date, line: PostLine = {}): OutMessage {
  const tz = cal.timeZone;
  const category = CATEGORY_LABEL[v.category as Category] ?? v.category;
  const lines = [`📋 Laporan #${v.trackingId} · ${category}`];
  lines.push(`Diterima: ${formatDateTime(v.receivedAt, tz)}`);
  if (v.dueDate && (v.status === 'BELUM_DITINDAKLANJUTI' || v.status === 'PROSES')) {
    const due = v.dueDate.toISOString().slice(0, 10);
    lines.push(`Batas: ${formatLocalDate(due)} (${formatDaysLeft(workingDaysLeft(due, now, cal))})`);
  }
  if (v.unit) lines.push(`Unit: ${v.unit.code} — ${v.unit.name}`);
  const claim = v.claimedBy && v.claimedAt ? `diambil ${v.claimedBy.name} (${formatTime(v.claimedAt, tz)})` : v.unit ? 'belum diambil' : '';
  lines.push(`Status: ${STATUS_LABEL[v.status]}${claim ? ` · ${claim}` : ''}`);
  if (line.last) lines.push(`Terakhir: ${line.last}`);
  lines.push('', `Judul: ${groupTitle(v)}`, groupBody(v));
  return { text: lines.join('\n'), buttons: postButtons(v) };
}

/** Buttons for what can still be done; none once the report left the unit or finished. */
export function postButtons(v: Pick<PostView, 'id' | 'state'>): Button[][] {
  const allowed = new Set(allowedActions(v.state));
  if (!v.state.unitId) return [[reportButton('Status', 'status', v.id)]];
  const row1: Button[] = [];
  if (allowed.has('claim') && !v.state.claimedById) row1.push(reportButton('Ambil', 'claim', v.id));
  if (allowed.has('respond')) row1.push(reportButton('Respon awal', 'respond', v.id));
  if (allowed.has('follow_up')) row1.push(reportButton('Tindak lanjut', 'follow_up', v.id));
  const row2: Button[] = [];
  if (allowed.has('close') && v.state.followUpAt) row2.push(reportButton('Selesai', 'close', v.id));
  if (allowed.has('bounce')) row2.push(reportButton('Bukan wewenang', 'bounce', v.id));
  row2.push(reportButton('Status', 'status', v.id));
  return [row1, row2].filter((r) => r.length > 0);
}

/**
 * The full report for the handling officer's private chat: not shortened for the group, but the
 * reporter's identity stays masked even here (the answer goes back through LAPOR!, not by phone).
 */
export function privateReportText(r: { trackingId: string; title: string; body: string }, reporterName: string | null, heading = 'untuk Anda saja'): string {
  const names = reporterName ? [reporterName] : [];
  return `🔒 Laporan #${r.trackingId} (${heading})\nJudul: ${mask(r.title, { knownNames: names })}\n\n${shorten(mask(r.body, { knownNames: names }), 3500)}`;
}
