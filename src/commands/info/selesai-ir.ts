import { z } from 'zod';
import { fail } from '../../domain/errors.js';
import { closeInfo } from '../../info/close.js';
import { defineCommand, reply } from '../define.js';
import { irAndText, irId } from './args.js';

/** `/selesai` closes reports; requests have their own name so neither is ever closed by mistake. */
export const selesaiIr = defineCommand({
  name: 'selesai_ir',
  aliases: ['tutup-ir', 'close-ir'],
  audience: ['operator', 'admin_instansi'],
  help: 'Tutup permintaan informasi yang sudah terjawab (pengingat berhenti).',
  usage: '/selesai-ir <IR-id>',
  examples: ['/selesai-ir IR-260302-0001'],
  params: ['text...'],
  args: z.object({ ir: irId.optional(), text: z.string().optional() }),
  async run(ctx) {
    const { ir } = await irAndText(ctx, ctx.args.ir, ctx.args.text);
    if (!ir) fail('INVALID_ARGS', { expected: 'sebutkan nomor IR-…', usage: '/selesai-ir IR-260302-0001' });
    const r = await closeInfo(ctx.services, ctx.actor, { trackingId: ir, agencyId: ctx.agencyId });
    return reply(`☑️ ${r.trackingId} ditutup.${r.firstAnswerAt ? '' : ' (Ditutup tanpa jawaban dari unit.)'}`);
  },
});
