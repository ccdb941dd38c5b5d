import { z } from 'zod';
import { isAdminOf } from '../../services/acl.js';
import { listUnits } from '../../services/queries/unit-directory.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { pageArg, pageMayComeFirst } from './query-args.js';
import { pageFooter, prefixOf } from './render.js';

export const units = defineCommand({
  name: 'unit',
  aliases: ['units'],
  audience: 'member',
  help: 'Daftar unit kerja beserta kodenya dan jumlah laporan terbuka; bisa dicari dengan kata.',
  usage: '/unit [cari] [halaman]',
  examples: ['/unit', '/unit pensiun'],
  params: ['cari', 'halaman'],
  args: pageMayComeFirst('cari', z.object({ cari: z.string().trim().max(40, 'kata pencarian terlalu panjang').optional(), halaman: pageArg })),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const search = ctx.args.cari || undefined;
    const dir = await listUnits(ctx.services, agencyId, ctx.args.halaman ?? 1, search);
    const p = prefixOf(ctx);
    if (dir.total === 0) return reply(search ? `Tidak ada unit yang cocok dengan "${search}". Ketik ${p}unit untuk semua unit.` : 'Instansi ini belum memiliki unit kerja.');
    const lines = [`🏢 Unit kerja ${dir.agencyName}${search ? ` (cari "${search}")` : ''}: ${dir.total}`];
    for (const u of dir.items) lines.push(`${u.code} — ${u.name} · ${u.open} terbuka`);
    const tail: string[] = [];
    // Only the Admin Instansi routes reports; others read the codes (e.g. to suggest a unit).
    if (isAdminOf(ctx.actor, agencyId)) tail.push(`Pakai kode unit untuk disposisi, mis. ${p}disposisi 1234567 ${dir.items[0]!.code}`);
    const footer = pageFooter(dir, `${p}unit${search ? ` ${search}` : ''}`);
    if (footer) tail.push(footer);
    if (tail.length) lines.push('', ...tail);
    return reply(lines.join('\n'));
  },
});
