/**
 * The Admin Instansi's notice of a newly received report: masked title and body as a group may
 * see them, a possible duplicate with one-tap archiving, and a routing suggestion when there is
 * one. Buttons carry the report id, except "Disposisi ke …", which carries the stored
 * suggestion's id: a report uuid and a unit code together do not fit Telegram's 64 bytes.
 */
import { CATEGORY_LABEL } from '../domain/labels.js';
import type { Category } from '../domain/types.js';
import type { Button, OutMessage } from '../lib/message.js';
import { mask, shorten } from '../lib/pii.js';
import { encodeCallback, reportButton } from './callback-data.js';
import { formatDateTime } from './format.js';
import { groupBody, groupTitle } from './report-post.js';

export interface NoticeReport {
  id: string;
  trackingId: string;
  title: string;
  body: string;
  category: string;
  receivedAt: Date;
  confidential: boolean;
  anonymous: boolean;
  reporterName: string | null;
}

export interface NoticeDuplicate {
  trackingId: string;
  /** Estimated similarity 0–1. */
  score: number;
}

export interface NoticeSuggestion {
  /** AiSuggestion id (the buttons' subject). */
  id: string;
  /** The best unit and why. */
  unitCode: string;
  reason: string;
  /** "Disposisi ke …" buttons (src/ai/accept-suggestion.ts suggestionButtons); default: one for `unitCode`. */
  buttons?: Button[][];
  /** Suggested SLA category and topic label (src/ai/suggest.ts), shown beside the unit. */
  category?: string | null;
  topic?: string | null;
}

/** "93%" — rounded down, so 0.799 never reads as a flagged 80%. */
export function percent(score: number): string {
  return `${Math.floor(score * 100 + 1e-9)}%`;
}

export function renderNewReportNotice(r: NoticeReport, timeZone: string, dup: NoticeDuplicate | null, suggestion: NoticeSuggestion | null): OutMessage {
  const category = CATEGORY_LABEL[r.category as Category] ?? r.category;
  const lines = [`📥 Laporan baru #${r.trackingId} · ${category} · diterima ${formatDateTime(r.receivedAt, timeZone)}`, '', `Judul: ${groupTitle(r)}`, groupBody(r)];
  const buttons: Button[][] = [];
  if (dup) {
    lines.push('', `⚠️ Kemungkinan duplikat dari #${dup.trackingId} (kemiripan ${percent(dup.score)})`);
    buttons.push([reportButton('Arsip (laporan berulang)', 'archive_dup', r.id)]);
  }
  if (suggestion) {
    // The reason may quote the report: it leaves the server, so it is masked like the body.
    const reason = shorten(mask(suggestion.reason, { knownNames: r.reporterName ? [r.reporterName] : [] }), 200);
    lines.push('', `Saran: disposisi ke ${suggestion.unitCode}${reason ? ` (${reason})` : ''}`);
    const topic = suggestion.topic ? shorten(mask(suggestion.topic, { knownNames: r.reporterName ? [r.reporterName] : [] }), 60) : '';
    const more = [
      suggestion.category && suggestion.category !== r.category ? `kategori ${CATEGORY_LABEL[suggestion.category as Category] ?? suggestion.category} (sekarang ${category})` : null,
      topic ? `topik "${topic}"` : null,
    ].filter((x): x is string => x !== null);
    if (more.length > 0) lines.push(`Saran lain: ${more.join(' · ')}`);
    buttons.push(...(suggestion.buttons ?? [[{ label: `Disposisi ke ${suggestion.unitCode}`, data: encodeCallback('dispose', suggestion.id) }]]));
  }
  lines.push('', `Verifikasi: /verifikasi ${r.trackingId} · Disposisi: /disposisi ${r.trackingId} <kode-unit>`);
  buttons.push([reportButton('Status', 'status', r.id)]);
  return { text: lines.join('\n'), buttons };
}
