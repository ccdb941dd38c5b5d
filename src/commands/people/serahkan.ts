import { z } from 'zod';
import { handOver } from '../../services/people/hand-over.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { twoPeople } from './args.js';

export const handover = defineCommand({
  name: 'serahkan',
  aliases: ['handover'],
  audience: ['admin_instansi'],
  help: 'Serah terima saat petugas berganti: laporan terbuka dan peran unit dipindahkan ke pengganti. Tambahkan --nonaktif bila petugas lama keluar.',
  usage: '/serahkan <dari> <ke> [--nonaktif]',
  examples: ['/serahkan @budi "Citra Lestari" --nonaktif', '/serahkan 081234567890 @citra'],
  params: ['refs...'],
  flags: ['nonaktif'],
  args: z.object({ refs: twoPeople, nonaktif: z.boolean().default(false) }),
  async run(ctx) {
    const r = await handOver(ctx.services, ctx.actor, { agencyId: agencyOf(ctx), from: ctx.args.refs.from, to: ctx.args.refs.to, deactivate: ctx.args.nonaktif });
    const lines = [`✅ Serah terima selesai: ${r.reports.length} laporan dan ${r.roles} peran dipindahkan dari ${r.from.name} ke ${r.to.name}.`];
    if (r.reports.length) lines.push(`Laporan: ${r.reports.map((x) => `#${x.trackingId}`).join(', ')}.`);
    if (r.deactivated) lines.push(`${r.from.name} dinonaktifkan.`);
    lines.push('Keduanya sudah diberi tahu secara pribadi.');
    return reply(lines.join('\n'));
  },
});
