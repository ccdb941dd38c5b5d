import { z } from 'zod';
import { draftForReport } from '../../ai/draft/draft-answer.js';
import { trackingId } from '../args.js';
import { reportKey } from '../context-helpers.js';
import { defineCommand, reply, type Reply } from '../define.js';

/**
 * `/draf <nomor> [--awal]`: a draft answer sent PRIVATELY to the officer, never to the group and
 * never recorded. The officer edits it and sends it with /respon or /tindaklanjut.
 */
export const draf = defineCommand({
  name: 'draf',
  aliases: ['draft'],
  audience: ['penghubung'],
  help: 'Minta draf jawaban (tindak lanjut, atau respon awal dengan --awal) berdasarkan jawaban terdahulu; dikirim lewat chat pribadi untuk Anda sunting.',
  usage: '/draf <nomor> [--awal]',
  examples: ['/draf 1234567', '/draf 1234567 --awal'],
  params: ['tracking'],
  flags: ['awal'],
  args: z.object({ tracking: trackingId, awal: z.boolean().default(false) }),
  async run(ctx) {
    const d = await draftForReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.awal ? 'respon_awal' : 'tindak_lanjut');
    const what = d.kind === 'respon_awal' ? 'respon awal' : 'tindak lanjut';
    const send = d.kind === 'respon_awal' ? `/respon ${d.trackingId} <teks>` : `/tindaklanjut ${d.trackingId} <teks>`;
    const sources = [
      d.usedAnswers.length ? `Berdasarkan jawaban ${d.usedAnswers.map((t) => `#${t}`).join(', ')}` : null,
      d.usedKnowledge.length ? `basis pengetahuan ${d.usedKnowledge.join(', ')}` : null,
    ].filter(Boolean);
    const text = [
      `📝 DRAF ${what} untuk #${d.trackingId} — belum dikirim ke mana pun.`,
      `Sunting dulu, lalu kirim dengan ${send}.`,
      '',
      d.text,
      '',
      `Sumber: ${sources.length ? sources.join('; ') : 'belum ada jawaban terdahulu yang mirip'}.`,
      d.source === 'llm' ? 'Disusun dengan bantuan AI dari data yang disamarkan; periksa fakta, tanggal dan aturan sebelum mengirim.' : 'Disusun dari templat dan jawaban terdahulu; lengkapi bagian [LENGKAPI: …].',
    ].join('\n');
    const replies: Reply[] = [reply(text, { private: true })];
    if (ctx.inbound.chatType === 'group') replies.push(reply(`📝 Draf ${what} #${d.trackingId} dikirim lewat chat pribadi. Bila belum menerimanya, mulai chat pribadi dengan bot lalu ulangi /draf.`));
    return replies;
  },
});
