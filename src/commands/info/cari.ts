import { z } from 'zod';
import { searchKnowledge } from '../../info/search.js';
import { clean } from '../../info/texts.js';
import { formatLocalDate } from '../../messages/format.js';
import { requireMember } from '../../services/acl.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { freeText } from '../args.js';

export const cari = defineCommand({
  name: 'cari',
  aliases: ['search'],
  audience: 'member',
  help: 'Cari jawaban atas pertanyaan yang pernah diajukan (basis pengetahuan), agar pertanyaan berulang terjawab sendiri.',
  usage: '/cari <kata>',
  examples: ['/cari pendaftaran PPPK'],
  params: ['query...'],
  args: z.object({ query: freeText('kata kunci') }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    requireMember(ctx.actor, agencyId);
    const hits = await searchKnowledge(ctx.services.db, { agencyId, query: ctx.args.query, limit: 5 });
    const q = clean(ctx.args.query, 80);
    if (hits.length === 0) return reply(`🔎 Belum ada jawaban tersimpan untuk "${q}". Tanyakan ke unit: /tanya <kode-unit|topik> <pertanyaan>.`);
    const cal = await ctx.services.calendars.get(agencyId);
    const lines = [`🔎 Jawaban tersimpan untuk "${q}":`];
    hits.forEach((h, i) => {
      const last = h.answers[h.answers.length - 1];
      lines.push(
        '',
        `${i + 1}. ${h.unit.code} · ${formatLocalDate(cal.toLocalDate(h.askedAt))} · ${h.trackingId}`,
        `T: ${clean(h.question, 300)}`,
        ...h.answers.map((a) => `J: ${clean(a.text, h.answers.length > 1 ? 300 : 700)} — ${a.by}`),
      );
      if (!last) lines.push('J: —');
    });
    return reply(lines.join('\n'));
  },
});
