import { z } from 'zod';
import { fail } from '../../domain/errors.js';
import { followUpInfo } from '../../info/follow-up.js';
import { defineCommand, reply } from '../define.js';
import { irAndText, irId } from './args.js';

export const tanyaLagi = defineCommand({
  name: 'tanya_lagi',
  aliases: ['followup-ir', 'ask-again'],
  audience: ['operator', 'admin_instansi'],
  help: 'Ajukan pertanyaan lanjutan pada permintaan informasi yang sama; PIC diingatkan lagi.',
  usage: '/tanya-lagi <IR-id> <pertanyaan>',
  examples: ['/tanya-lagi IR-260302-0001 Apakah pengumuman juga dikirim lewat email?'],
  params: ['text...'],
  args: z.object({ ir: irId.optional(), text: z.string().max(3500, 'pertanyaan terlalu panjang (maks. 3500 karakter)').optional() }),
  async run(ctx) {
    const { ir, text } = await irAndText(ctx, ctx.args.ir, ctx.args.text);
    if (!ir) fail('INVALID_ARGS', { expected: 'sebutkan nomor IR-… atau balas (reply) pesan jawabannya', usage: '/tanya-lagi IR-260302-0001 <pertanyaan>' });
    if (!text) fail('INVALID_ARGS', { expected: 'pertanyaan lanjutan wajib diisi', usage: `/tanya-lagi ${ir} <pertanyaan>` });
    const r = await followUpInfo(ctx.services, ctx.actor, { trackingId: ir, text, agencyId: ctx.agencyId });
    return reply(`✅ Pertanyaan lanjutan ${r.trackingId} terkirim; jawabannya diteruskan ke sini.`);
  },
});
