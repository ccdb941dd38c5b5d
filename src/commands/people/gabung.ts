import { z } from 'zod';
import { ROLE_LABEL } from '../../domain/labels.js';
import { fail } from '../../domain/errors.js';
import { requestJoin, type JoinRole } from '../../services/people/request-join.js';
import { unitCode } from '../args.js';
import { defineCommand, reply } from '../define.js';

const ROLE_WORDS: Record<string, JoinRole> = { penghubung: 'penghubung', liaison: 'penghubung', operator: 'operator' };

const joinRole = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return 'penghubung' as JoinRole;
    const role = ROLE_WORDS[s];
    if (!role) {
      ctx.addIssue({ code: 'custom', message: 'peran berupa penghubung atau operator, mis. /gabung BKN-DIT-PENGADAAN operator' });
      return z.NEVER;
    }
    return role;
  });

export const join = defineCommand({
  name: 'gabung',
  aliases: ['join'],
  audience: 'anyone',
  help: 'Minta bergabung ke unit kerja sebagai Pejabat Penghubung (atau operator); Admin Instansi menyetujuinya. Di grup unit, kode unit boleh dilewati.',
  usage: '/gabung <kode-unit> [penghubung|operator]',
  examples: ['/gabung BKN-DIT-PENGADAAN', '/gabung BKN-DIT-PENGADAAN operator'],
  params: ['unit', 'peran'],
  args: z.object({ unit: unitCode.optional(), peran: joinRole }),
  async run(ctx) {
    const unit = ctx.args.unit ? { code: ctx.args.unit } : ctx.chat?.unitId ? { id: ctx.chat.unitId } : fail('INVALID_ARGS', { expected: 'kode unit wajib diisi', usage: '/gabung BKN-DIT-PENGADAAN' });
    const { user } = ctx.inbound;
    const res = await requestJoin(ctx.services, { platform: ctx.inbound.platform, userId: user.id, name: user.name, username: user.username, unit, role: ctx.args.peran });
    const to = res.notified > 0 ? 'Permintaan dikirim ke Admin Instansi' : 'Permintaan tercatat (Admin Instansi belum memiliki grup; hubungi mereka langsung)';
    return reply(
      `📨 ${to} untuk bergabung sebagai ${ROLE_LABEL[res.assignment.role]} ${res.unit.code} (${res.unit.name}). ` +
        'Anda akan diberi tahu setelah diputuskan. Sementara itu Anda hanya dapat membaca /bantuan.',
    );
  },
});
