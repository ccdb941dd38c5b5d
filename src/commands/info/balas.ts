import { z } from 'zod';
import { fail } from '../../domain/errors.js';
import { answerInfo } from '../../info/answer.js';
import { defineCommand, reply } from '../define.js';
import { irAndText, irId } from './args.js';

export const balas = defineCommand({
  name: 'balas',
  aliases: ['answer-ir', 'jawab-ir'],
  audience: 'member',
  help: 'Jawab permintaan informasi (PIC, Pejabat Penghubung unit tujuan, atau Admin). Bisa juga dengan me-reply pesannya.',
  usage: '/balas <IR-id> <jawaban>',
  examples: ['/balas IR-260302-0001 Pengumuman hasil seleksi tahap 2 dijadwalkan 20 Maret di situs resmi.'],
  params: ['text...'],
  args: z.object({ ir: irId.optional(), text: z.string().max(3500, 'jawaban terlalu panjang (maks. 3500 karakter)').optional() }),
  async run(ctx) {
    const { ir, text } = await irAndText(ctx, ctx.args.ir, ctx.args.text);
    if (!ir) fail('INVALID_ARGS', { expected: 'sebutkan nomor IR-… atau balas (reply) pesan permintaan informasinya', usage: '/balas IR-260302-0001 <jawaban>' });
    if (!text) fail('INVALID_ARGS', { expected: 'jawaban wajib diisi', usage: `/balas ${ir} <jawaban>` });
    const a = await answerInfo(ctx.services, ctx.actor, { trackingId: ir, text, agencyId: ctx.agencyId });
    const target = a.first ? (a.withinTarget ? ' Dalam target respons pertama — terima kasih!' : ' Target respons pertama sudah terlewati.') : '';
    return reply(`✅ Jawaban ${a.request.trackingId} diteruskan ke ${a.askedBy}.${target}`);
  },
});
