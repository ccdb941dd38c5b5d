/**
 * The draft without a model: a polite frame around the best-matching earlier answer and
 * knowledge-base entry, with [LENGKAPI: …] where the officer must write. Indonesian, like every
 * text the bot sends.
 */
import { shorten } from '../../lib/pii.js';
import type { EarlierAnswer, KnowledgeHit } from './retrieve.js';

export type DraftKind = 'respon_awal' | 'tindak_lanjut';

export interface TemplateInput {
  kind: DraftKind;
  title: string;
  unitName: string;
  /** Formatted deadline, e.g. "Sen, 9 Mar 2026", when the report has one. */
  due: string | null;
  answers: readonly EarlierAnswer[];
  knowledge: readonly KnowledgeHit[];
}

/** An earlier answer without its own salutation ("Yth. Ibu [NAMA], …"): the draft has one already. */
const withoutGreeting = (text: string): string => text.replace(/^\s*(kepada\s+)?yth\.?[^,\n]{0,60},\s*/i, '');

export function templateDraft(t: TemplateInput): string {
  const lines = ['Yth. Bapak/Ibu Pelapor,', '', `Terima kasih atas laporan Anda mengenai "${shorten(t.title, 120)}".`];
  if (t.kind === 'respon_awal') {
    lines.push(
      `Laporan Anda telah kami terima dan sedang ditindaklanjuti oleh ${t.unitName}.`,
      t.due ? `Kami akan menyampaikan jawaban paling lambat ${t.due}.` : 'Kami akan segera menyampaikan perkembangannya.',
      'Bila ada dokumen pendukung, mohon dilampirkan melalui kanal LAPOR!.',
    );
  } else {
    const best = t.answers[0];
    if (best) lines.push('', `Berdasarkan jawaban #${best.trackingId} atas laporan serupa: ${shorten(withoutGreeting(best.text), 600)}`);
    const kb = t.knowledge[0];
    if (kb) lines.push('', `Informasi terkait (basis pengetahuan ${kb.trackingId}): ${shorten(kb.text, 400)}`);
    lines.push('', best || kb ? '[LENGKAPI: sesuaikan dengan pokok laporan ini dan langkah yang sudah diambil]' : '[LENGKAPI: jawaban substantif atas pokok laporan, dasar aturan, dan langkah yang sudah diambil]');
  }
  lines.push('', 'Demikian kami sampaikan. Terima kasih.', '', `Hormat kami,\n${t.unitName}`);
  return lines.join('\n');
}
