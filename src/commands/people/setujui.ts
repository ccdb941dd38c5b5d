import { z } from 'zod';
import { ROLE_LABEL } from '../../domain/labels.js';
import { decideJoin } from '../../services/people/decide-join.js';
import { defineCommand, reply } from '../define.js';
import { requestId } from './args.js';

export const approve = defineCommand({
  name: 'setujui',
  aliases: ['approve'],
  audience: ['admin_instansi'],
  help: 'Setujui permintaan bergabung (ID dari pesan permintaan, atau tekan tombol Setujui).',
  usage: '/setujui <id>',
  examples: ['/setujui 3f2a9c1b'],
  params: ['id'],
  args: z.object({ id: requestId }),
  async run(ctx) {
    const d = await decideJoin(ctx.services, ctx.actor, { agencyId: ctx.agencyId, ref: ctx.args.id, decision: 'approve' });
    const what = `${ROLE_LABEL[d.assignment.role]}${d.unit ? ` ${d.unit.code}` : ''}`;
    const welcome = d.unit
      ? d.welcomed > 0
        ? ' Ia sudah diberi tahu dan disambut di grup unit.'
        : ` Ia sudah diberi tahu. Unit ini belum punya grup: ketik /ikat ${d.unit.code} di grup unit.`
      : ' Ia sudah diberi tahu.';
    return reply(`✅ ${d.person.name} disetujui sebagai ${what}.${welcome}`);
  },
});
