/** ChatPort over the Telegram Bot API, with errors classified for the dispatcher. */
import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { OutMessage, Target } from '../../lib/message.js';
import { SendError, type ChatPort, type SendOptions } from '../port.js';
import { fitText, keyboard, renderSend } from './render.js';

const GONE = /chat not found|bot was kicked|bot is not a member|have no rights to send|not enough rights|group chat was (upgraded|deactivated)|user is deactivated|bot was blocked|CHAT_WRITE_FORBIDDEN|TOPIC_CLOSED|thread not found/i;

/** Map a grammY error to what the dispatcher should do. */
export function classifyTelegramError(e: unknown): SendError {
  if (e instanceof GrammyError) {
    if (e.error_code === 429) return new SendError('rate_limited', e.description, (e.parameters.retry_after ?? 1) * 1000);
    if (/message is not modified/i.test(e.description)) return new SendError('not_modified', e.description);
    if (e.error_code === 403 || GONE.test(e.description)) return new SendError('chat_gone', e.description);
    if (e.error_code >= 500) return new SendError('transient', e.description);
    return new SendError('rejected', e.description);
  }
  if (e instanceof HttpError) return new SendError('transient', e.message);
  return new SendError('transient', e instanceof Error ? e.message : String(e));
}

export class TelegramPort implements ChatPort {
  readonly platform = 'telegram' as const;
  constructor(private readonly api: Api) {}

  async send(target: Target, message: OutMessage, opts: SendOptions = {}): Promise<{ messageId: string }> {
    const msg = opts.replyToMessageId ? { ...message, replyToMessageId: opts.replyToMessageId } : message;
    try {
      if (msg.document) {
        const file = new InputFile(Buffer.from(msg.document.contentBase64, 'base64'), msg.document.filename);
        const p = renderSend(msg, target.threadId);
        const sent = await this.api.sendDocument(target.chatId, file, { caption: fitText(msg.text, 1024), reply_markup: p.other.reply_markup, message_thread_id: p.other.message_thread_id });
        return { messageId: String(sent.message_id) };
      }
      const p = renderSend(msg, target.threadId);
      const sent = await this.api.sendMessage(target.chatId, p.text, p.other);
      return { messageId: String(sent.message_id) };
    } catch (e) {
      throw classifyTelegramError(e);
    }
  }

  async edit(target: Target, messageId: string, message: OutMessage): Promise<{ messageId: string }> {
    try {
      await this.api.editMessageText(target.chatId, Number(messageId), fitText(message.text), {
        reply_markup: keyboard(message) ?? { inline_keyboard: [] },
        link_preview_options: { is_disabled: true },
      });
      return { messageId };
    } catch (e) {
      throw classifyTelegramError(e);
    }
  }
}
