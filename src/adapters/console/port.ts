/** ChatPort for the local console: every chat's messages are printed, numbered like message ids. */
import type { OutMessage, Target } from '../../lib/message.js';
import type { ChatPort } from '../port.js';
import { renderConsole } from './render.js';

export interface ConsoleSink {
  print(block: string): void;
  /** Remember the last message with buttons per chat, so "1" answers its menu. */
  rememberMenu(chatId: string, messageId: string): void;
  /** A readable chat name: a group title, or "pribadi: <name>" for a person's inbox. */
  chatLabel(chatId: string): string;
}

export class ConsolePort implements ChatPort {
  readonly platform = 'console' as const;
  private seq = 0;
  constructor(private readonly sink: ConsoleSink) {}

  async send(target: Target, message: OutMessage): Promise<{ messageId: string }> {
    const id = String(++this.seq);
    this.sink.print(renderConsole(`${this.sink.chatLabel(target.chatId)} · pesan ${id}`, message));
    if (message.buttons?.length) this.sink.rememberMenu(target.chatId, id);
    return { messageId: id };
  }

  async edit(target: Target, messageId: string, message: OutMessage): Promise<{ messageId: string }> {
    this.sink.print(renderConsole(`${this.sink.chatLabel(target.chatId)} · pesan ${messageId} diperbarui`, message));
    if (message.buttons?.length) this.sink.rememberMenu(target.chatId, messageId);
    return { messageId };
  }
}
