import { z } from 'zod';
import { ROLE_LABEL } from '../../domain/labels.js';
import { listMembers, type MemberLine } from '../../services/people/list-members.js';
import { shortId } from '../../services/people/private-targets.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

const LIMIT = 3800; // below Telegram's 4096 characters

const member = (m: MemberLine): string =>
  `• ${m.name}${m.username ? ` (@${m.username})` : ''} — ${m.roles.map((r) => ROLE_LABEL[r]).join(', ')}${m.openReports !== null ? ` · ${m.openReports} laporan terbuka` : ''}`;

export const who = defineCommand({
  name: 'siapa',
  aliases: ['who'],
  audience: 'member',
  help: 'Siapa saja yang terdaftar di unit grup ini (di grup admin: per unit), dengan jumlah laporan terbuka yang dipegang.',
  usage: '/siapa',
  params: [],
  args: z.object({}),
  async run(ctx) {
    const unitId = ctx.chat?.unitId ?? null;
    const dir = await listMembers(ctx.services, ctx.actor, { agencyId: agencyOf(ctx), unitId });
    const lines: string[] = [];
    if (unitId) {
      const u = dir.units[0];
      lines.push(`👥 Anggota ${u?.unit.code ?? ''} — ${u?.unit.name ?? ''}`);
      lines.push(...(u && u.members.length ? u.members.map(member) : ['(belum ada anggota terdaftar; ajak petugas mengetik /gabung)']));
    } else {
      lines.push(`👥 Anggota ${dir.agency.name} (${dir.agency.code})`);
      lines.push(...(dir.agencyWide.length ? dir.agencyWide.map(member) : []));
      for (const u of dir.units) {
        lines.push('', `${u.unit.code} — ${u.unit.name}`);
        lines.push(...(u.members.length ? u.members.map(member) : ['• (belum ada anggota)']));
      }
    }
    if (dir.pending?.length) {
      lines.push('', '⏳ Menunggu persetujuan:');
      for (const p of dir.pending) {
        const handle = p.username ? ` (@${p.username})` : p.whatsapp ? ` (${p.whatsapp})` : '';
        lines.push(`• ${p.name}${handle} — ${ROLE_LABEL[p.role]}${p.unitCode ? ` ${p.unitCode}` : ''} · /setujui ${shortId(p.id)} atau /tolak ${shortId(p.id)}`);
      }
    }
    let text = lines.join('\n');
    if (text.length > LIMIT) text = `${text.slice(0, text.lastIndexOf('\n', LIMIT))}\n… (daftar dipotong; ketik /siapa di grup unit untuk daftar per unit)`;
    return reply(text);
  },
});
