/** A typed console line → a console instruction (`:as`, `:chat`, …) or an Inbound message. */
import type { Inbound } from '../../chat/types.js';

export type ConsoleLine =
  | { kind: 'meta'; name: 'as' | 'chat' | 'people' | 'chats' | 'help' | 'quit'; arg: string }
  | { kind: 'message'; inbound: Inbound }
  | { kind: 'empty' }
  | { kind: 'error'; text: string };

export interface ConsoleState {
  person: { id: string; name: string } | null;
  chatId: string | null;
  /** Last message with a menu, per chat. */
  menus: Map<string, string>;
}

const META = /^:(as|chat|people|chats|help|quit|q|exit)\b\s*(.*)$/i;
let seq = 0;

export function parseConsoleLine(line: string, state: ConsoleState): ConsoleLine {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  const m = META.exec(text);
  if (m) {
    const raw = m[1]!.toLowerCase();
    const name = raw === 'q' || raw === 'exit' ? 'quit' : (raw as 'as' | 'chat' | 'people' | 'chats' | 'help' | 'quit');
    return { kind: 'meta', name, arg: m[2]!.trim() };
  }
  if (!state.person) return { kind: 'error', text: 'Pilih dulu siapa Anda: :as <nama>, mis. :as budi (lihat :people)' };
  if (!state.chatId) return { kind: 'error', text: 'Pilih dulu grupnya: :chat <nama>, mis. :chat grup-pengadaan (lihat :chats)' };
  // `>42 teks` replies to message 42, as a platform's "reply" does.
  const quote = /^>\s*(\d+)\s+(\S[\s\S]*)$/.exec(text);
  const body = quote ? quote[2]! : text;
  const menu = /^\d{1,2}$/.test(body) ? state.menus.get(state.chatId) : undefined;
  return {
    kind: 'message',
    inbound: {
      platform: 'console',
      chatId: state.chatId,
      chatType: state.chatId.startsWith('dm:') ? 'private' : 'group',
      user: { id: state.person.id, name: state.person.name },
      messageId: `in-${++seq}`,
      text: body,
      replyToMessageId: quote ? quote[1] : menu,
    },
  };
}
