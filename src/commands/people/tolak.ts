import { z } from 'zod';
import { ROLE_LABEL } from '../../domain/labels.js';
import { decideJoin } from '../../services/people/decide-join.js';
import { defineCommand, reply } from '../define.js';
import { requestId } from './args.js';

export const reject = defineCommand({
  name: 'tolak',
  aliases: ['reject'],
  audience: ['admin_instansi'],
  help: 'Tolak permintaan bergabung, dengan alasan bila perlu; yang bersangkutan diberi tahu.',
  usage: '/tolak <id> [alasan]',
  examples: ['/tolak 3f2a9c1b Bukan pegawai unit ini.'],
  params: ['id', 'alasan...'],
  args: z.object({ id: requestId, alasan: z.string().trim().max(500, 'alasan terlalu panjang (maks. 500 karakter)').optional() }),
  async run(ctx) {
    const d = await decideJoin(ctx.services, ctx.actor, { agencyId: ctx.agencyId, ref: ctx.args.id, decision: 'reject', reason: ctx.args.alasan });
    const what = `${ROLE_LABEL[d.assignment.role]}${d.unit ? ` ${d.unit.code}` : ''}`;
    return reply(`❌ Permintaan ${d.person.name} sebagai ${what} ditolak. Ia sudah diberi tahu.`);
  },
});
