import { z } from 'zod';
import { CATEGORY_LABEL } from '../../domain/labels.js';
import { CATEGORIES } from '../../domain/types.js';
import { promoteInfo } from '../../info/promote.js';
import { defineCommand, reply } from '../define.js';
import { irId } from './args.js';

const category = z
  .string({ error: `sebutkan kategori: ${CATEGORIES.join(', ')}` })
  .trim()
  .transform((s) => s.toLowerCase().replace(/_/g, '-'))
  .pipe(z.enum(CATEGORIES, { error: `kategori salah satu dari ${CATEGORIES.join(', ')}` }));

export const jadikanLaporan = defineCommand({
  name: 'jadikan_laporan',
  aliases: ['promote-ir'],
  audience: ['operator', 'admin_instansi'],
  help: 'Jadikan permintaan informasi laporan resmi bila ternyata pengaduan (riwayatnya ikut).',
  usage: '/jadikan-laporan <IR-id> <kategori>',
  examples: ['/jadikan-laporan IR-260302-0001 normatif'],
  params: ['ir', 'kategori'],
  args: z.object({ ir: irId, kategori: category }),
  async run(ctx) {
    const report = await promoteInfo(ctx.services, ctx.actor, { trackingId: ctx.args.ir, category: ctx.args.kategori, agencyId: ctx.agencyId });
    return reply(`📄 ${ctx.args.ir} dijadikan laporan #${report.trackingId} (${CATEGORY_LABEL[ctx.args.kategori]}). Admin Instansi memverifikasi dan mendisposisikannya; pantau dengan /status ${report.trackingId}.`);
  },
});
