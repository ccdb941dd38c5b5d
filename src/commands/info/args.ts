/** Arguments the information-request commands share. */
import { z } from 'zod';
import type { CommandContext } from '../define.js';
import { IR_ID, irFromReply } from '../../info/requests.js';

/** `IR-260302-0001`, any case. */
export const irId = z
  .string({ error: 'nomor permintaan informasi wajib diisi, mis. IR-260302-0001' })
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(IR_ID, 'nomor permintaan informasi berbentuk IR-YYMMDD-NNNN, mis. IR-260302-0001'));

const LEADING_ID = /^(IR-\d{6}-\d{4,})(?:\s+|$)/i;

/**
 * The request a command is about and the text after it: an explicit `IR-…` first, else the
 * request of the bot message this one replies to. `ir` is null when neither names one.
 */
export async function irAndText(ctx: CommandContext<unknown>, preset: string | undefined, text: string | undefined): Promise<{ ir: string | null; text: string }> {
  const rest = (text ?? '').trim();
  if (preset) return { ir: preset, text: rest };
  const m = LEADING_ID.exec(rest);
  if (m) return { ir: m[1]!.toUpperCase(), text: rest.slice(m[0].length).trim() };
  const replied = await irFromReply(ctx.services.db, { platform: ctx.inbound.platform, chatId: ctx.inbound.chatId, replyToMessageId: ctx.inbound.replyToMessageId });
  return { ir: replied, text: rest };
}
