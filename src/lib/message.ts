/**
 * A platform-neutral message: what services put in the outbox and commands return. Adapters
 * render it (Telegram: inline keyboard; WhatsApp and console: a numbered menu).
 */
export interface Button {
  label: string;
  /** Callback data, versioned and at most 64 bytes (Telegram's limit). */
  data: string;
}

export interface OutMessage {
  text: string;
  buttons?: Button[][];
  /** Platform message id this message answers (shown as a quote/reply). */
  replyToMessageId?: string;
  /** A file sent with the message (recap chart, quarterly report). */
  document?: { filename: string; contentBase64: string; mimeType: string };
  /**
   * People to mention, as E.164 numbers (`+6281…`). WhatsApp notifies them (`@6281…` in the
   * text); other platforms ignore it.
   */
  mentions?: string[];
}

/** Where a message goes: a platform chat id, optionally a forum topic. */
export interface Target {
  platform: 'telegram' | 'whatsapp' | 'console';
  chatId: string;
  threadId?: string;
}

export const text = (t: string, buttons?: Button[][]): OutMessage => (buttons ? { text: t, buttons } : { text: t });
