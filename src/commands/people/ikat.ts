import { z } from 'zod';
import { bindThisChat, type BindTarget } from '../../services/people/bind-this-chat.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

const target = z
  .string({ error: 'sebutkan kode unit, atau admin untuk grup Admin Instansi' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'kode unit berupa huruf/angka/tanda hubung, mis. BKN-DIT-PENGADAAN, atau admin')
  .transform((s): BindTarget => (s.toLowerCase() === 'admin' ? { kind: 'admin' } : { kind: 'unit', code: s.toUpperCase() }));

export const bind = defineCommand({
  name: 'ikat',
  aliases: ['bind'],
  audience: ['admin_instansi'],
  help: 'Hubungkan grup ini (atau topik forum ini) ke unit kerja, atau jadikan grup Admin Instansi dengan /ikat admin.',
  usage: '/ikat <kode-unit|admin>',
  examples: ['/ikat BKN-DIT-PENGADAAN', '/ikat admin'],
  params: ['target'],
  args: z.object({ target }),
  async run(ctx) {
    const { unit, previous } = await bindThisChat(ctx.services, ctx.actor, { agencyId: agencyOf(ctx), inbound: ctx.inbound, target: ctx.args.target });
    const where = ctx.inbound.threadId ? 'Topik ini' : 'Grup ini';
    const now = unit ? `unit ${unit.code} (${unit.name})` : 'Admin Instansi';
    const was = previous && previous !== (unit?.code ?? 'admin') ? ` (sebelumnya ${previous === 'admin' ? 'grup Admin Instansi' : previous})` : '';
    const next = unit
      ? `Laporan yang didisposisikan ke ${unit.code} akan diposting di sini. Petugas baru dapat mengetik /gabung untuk meminta akses.`
      : 'Permintaan bergabung, laporan bukan wewenang dan pengingat untuk Admin Instansi akan dikirim ke sini.';
    return reply(`🔗 ${where} kini terhubung ke ${now}${was}. ${next}`);
  },
});
