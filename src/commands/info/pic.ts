import { z } from 'zod';
import { fail } from '../../domain/errors.js';
import { addPic, listPics, removePic, type PicLine } from '../../info/pic-directory.js';
import { shortId } from '../../services/people/private-targets.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

const LIMIT = 3800; // below Telegram's 4096 characters
const TAMBAH_USAGE = '/pic tambah <kode-unit> <orang> [topik] [jam kantor]';
/** "Sen-Jum 08.00-16.00", "08:00–15:30 WITA" at the end of the line. */
const HOURS = /(?:^|\s)((?:(?:sen|sel|rab|kam|jum|sab|min)[a-z']*\s*[-–]\s*(?:sen|sel|rab|kam|jum|sab|min)[a-z']*,?\s+)?\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}(?:\s*(?:wib|wita|wit))?)\s*$/i;
const QUOTED = /^["“„”«]([^"“”„»]+)["”“»]\s*/;

/** `<kode-unit> <orang> [topik] [jam kantor]`; names with spaces in quotes: "Budi Santoso". */
export function parseTambah(text: string): { unitCode: string; personRef: string; topic: string | null; officeHours: string | null } {
  const unit = /^(\S+)\s*/.exec(text.trim());
  if (!unit) return fail('INVALID_ARGS', { expected: 'sebutkan kode unit dan orangnya', usage: TAMBAH_USAGE });
  let rest = text.trim().slice(unit[0].length);
  const person = QUOTED.exec(rest) ?? /^(\S+)\s*/.exec(rest);
  if (!person) return fail('INVALID_ARGS', { expected: 'sebutkan orangnya (@username, nomor WhatsApp, ID Telegram atau "Nama Lengkap")', usage: TAMBAH_USAGE });
  rest = rest.slice(person[0].length);
  const hours = HOURS.exec(rest);
  if (hours) rest = rest.slice(0, hours.index);
  const topic = rest.trim().replace(/^["“„”«]|["”“»]$/g, '').trim();
  return { unitCode: unit[1]!, personRef: person[1]!.trim(), topic: topic || null, officeHours: hours?.[1]?.trim() ?? null };
}

export function picLine(l: PicLine): string {
  const parts = [l.person.name + (l.person.telegramUsername ? ` (@${l.person.telegramUsername})` : ''), `topik: ${l.topic ?? 'semua'}`];
  if (l.officeHours) parts.push(`jam kantor: ${l.officeHours}`);
  return `• ${parts.join(' · ')} · id ${shortId(l.id)}`;
}

function directoryText(lines: PicLine[], query: string): string {
  if (lines.length === 0) {
    return query
      ? `Tidak ada PIC untuk "${query}". Ketik /pic untuk seluruh direktori, atau tanyakan langsung ke unit: /tanya <kode-unit> <pertanyaan>.`
      : 'Direktori PIC masih kosong. Admin Instansi dapat menambah: /pic tambah <kode-unit> <orang> [topik] [jam kantor].';
  }
  const out = [query ? `📇 PIC untuk "${query}":` : '📇 Direktori PIC per unit:'];
  let unit = '';
  for (const l of lines) {
    if (l.unit.code !== unit) {
      unit = l.unit.code;
      out.push('', `${l.unit.code} — ${l.unit.name}`);
    }
    out.push(picLine(l));
  }
  out.push('', 'Tanya PIC: /tanya <kode-unit|topik> <pertanyaan>');
  let text = out.join('\n');
  if (text.length > LIMIT) text = `${text.slice(0, text.lastIndexOf('\n', LIMIT))}\n… (daftar dipotong; cari per topik: /pic <topik>)`;
  return text;
}

export const pic = defineCommand({
  name: 'pic',
  aliases: ['direktori-pic'],
  audience: 'member',
  help: 'Direktori PIC per unit dan topik, dengan jam kantornya. Admin: /pic tambah … dan /pic hapus <id>.',
  usage: '/pic [topik]',
  examples: ['/pic pensiun', '/pic tambah BKN-DIT-PENSIUN @dedi "Pensiun janda" Sen-Jum 08.00-16.00', '/pic hapus 3f2a9c1b'],
  params: ['text...'],
  args: z.object({ text: z.string().optional() }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const text = ctx.args.text?.trim() ?? '';
    const sub = /^(tambah|add|hapus|remove)(?:\s+([\s\S]*))?$/i.exec(text);
    if (sub && /^(tambah|add)$/i.test(sub[1]!)) {
      const input = parseTambah(sub[2] ?? '');
      const l = await addPic(ctx.services, ctx.actor, { agencyId, ...input });
      return reply(`✅ PIC ditambahkan untuk ${l.unit.code}:\n${picLine(l)}`);
    }
    if (sub) {
      const id = (sub[2] ?? '').trim();
      if (!id) fail('INVALID_ARGS', { expected: 'sebutkan id entri PIC (lihat /pic)', usage: '/pic hapus <id>' });
      const l = await removePic(ctx.services, ctx.actor, { agencyId, id });
      return reply(`🗑️ PIC ${l.person.name} (${l.unit.code}${l.topic ? `, ${l.topic}` : ''}) dihapus dari direktori.`);
    }
    return reply(directoryText(await listPics(ctx.services, { agencyId, query: text || null }), text));
  },
});
