import { z } from 'zod';
import { endConversation } from '../chat/conversation.js';
import { defineCommand, reply, type Command } from './define.js';
import type { CommandRegistry } from './registry.js';

/** `/bantuan` needs the registry it is part of; built once the table exists. */
export function helpCommand(registry: () => CommandRegistry): Command {
  return defineCommand({
    name: 'bantuan',
    aliases: ['help', 'start', 'mulai'],
    audience: 'anyone',
    help: 'Daftar perintah yang dapat Anda pakai, dengan contoh.',
    usage: '/bantuan',
    params: [],
    args: z.object({}),
    async run(ctx) {
      const roles = ctx.actor.personId ? (ctx.actor.roles ?? []).filter((g) => !ctx.agencyId || g.agencyId === ctx.agencyId).map((g) => g.role) : null;
      const prefix = ctx.inbound.platform === 'whatsapp' ? '!' : '/';
      return reply(`🤖 Penghubung — bot koordinasi SP4N-LAPOR!\n${registry().helpText(roles && roles.length ? roles : roles === null ? null : [], prefix)}`);
    },
  });
}

export const cancel = defineCommand({
  name: 'batal',
  aliases: ['cancel'],
  audience: 'anyone',
  help: 'Batalkan isian yang sedang ditanyakan bot.',
  usage: '/batal',
  params: [],
  args: z.object({}),
  async run(ctx) {
    await endConversation(ctx.services, { platform: ctx.inbound.platform, chatId: ctx.inbound.chatId, userId: ctx.inbound.user.id });
    return reply('Dibatalkan.');
  },
});
