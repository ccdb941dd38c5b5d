/** Telegram translation without a network: forum topics in and out, callback data limits. */
import { describe, expect, it } from 'vitest';
import { Api, Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { callbackToInbound, messageToInbound } from '../../src/adapters/telegram/inbound.js';
import { renderSend } from '../../src/adapters/telegram/render.js';
import { BUTTON_ACTIONS, decodeCallback, encodeCallback } from '../../src/messages/callback-data.js';

const me = { id: 1, is_bot: true, first_name: 'Penghubung', username: 'penghubung_bot' } as UserFromGetMe;
const contextOf = (update: Update): Context => new Context(update, new Api('1:test'), me);
const FORUM = { id: -100123, type: 'supergroup' as const, title: 'Penghubung BKN', is_forum: true as const };
const BUDI = { id: 1002, is_bot: false, first_name: 'Budi', last_name: 'Santoso', username: 'budi' };

describe('Telegram inbound', () => {
  it('keeps the forum topic of a message, and a reply to the topic root is not a reply to a post', () => {
    const inbound = messageToInbound(contextOf({
      update_id: 1,
      message: {
        message_id: 50, date: 0, chat: FORUM, from: BUDI, text: '/ambil 1234567', is_topic_message: true, message_thread_id: 7,
        reply_to_message: { message_id: 7, date: 0, chat: FORUM, forum_topic_created: { name: 'Pengadaan', icon_color: 0 } } as never,
      },
    }));
    expect(inbound).toMatchObject({ platform: 'telegram', chatId: '-100123', threadId: '7', chatType: 'group', messageId: '50', text: '/ambil 1234567', user: { id: '1002', name: 'Budi Santoso' } });
    expect(inbound?.replyToMessageId).toBeUndefined();
  });

  it('takes a reply to a bot post inside a topic as a reply to that post', () => {
    const inbound = messageToInbound(contextOf({
      update_id: 2,
      message: {
        message_id: 51, date: 0, chat: FORUM, from: BUDI, text: '/status', is_topic_message: true, message_thread_id: 7,
        reply_to_message: { message_id: 42, date: 0, chat: FORUM, text: '📋 Laporan #1234567' } as never,
      },
    }));
    expect(inbound).toMatchObject({ threadId: '7', replyToMessageId: '42' });
  });

  it('ignores other bots and messages without text', () => {
    expect(messageToInbound(contextOf({ update_id: 3, message: { message_id: 1, date: 0, chat: FORUM, from: { ...BUDI, is_bot: true }, text: '/ambil 1' } }))).toBeNull();
    expect(messageToInbound(contextOf({ update_id: 4, message: { message_id: 2, date: 0, chat: FORUM, from: BUDI, sticker: {} } as never }))).toBeNull();
  });

  it('maps a button press in a topic to a callback with the topic', () => {
    const inbound = callbackToInbound(contextOf({
      update_id: 5,
      callback_query: {
        id: 'cb1', chat_instance: 'x', from: BUDI, data: 'v1:c:00000000-0000-0000-0000-000000000000',
        message: { message_id: 42, date: 0, chat: FORUM, is_topic_message: true, message_thread_id: 7, text: '📋 Laporan' },
      },
    }));
    expect(inbound).toMatchObject({ chatId: '-100123', threadId: '7', callback: { id: 'cb1', messageId: '42', data: 'v1:c:00000000-0000-0000-0000-000000000000' } });
  });
});

describe('Telegram outbound', () => {
  it('sends into the topic and quotes the message it answers', () => {
    const p = renderSend({ text: 'ok', replyToMessageId: '50', buttons: [[{ label: 'Ambil', data: 'v1:c:x' }]] }, '7');
    expect(p.other.message_thread_id).toBe(7);
    expect(p.other.reply_parameters).toEqual({ message_id: 50, allow_sending_without_reply: true });
    expect(p.other.reply_markup?.inline_keyboard).toEqual([[{ text: 'Ambil', callback_data: 'v1:c:x' }]]);
    expect(renderSend({ text: 'ok' }).other.message_thread_id).toBeUndefined();
  });
});

describe('callback data', () => {
  const uuid = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

  it('is versioned, at most 64 bytes, and round-trips for every action', () => {
    for (const action of BUTTON_ACTIONS) {
      const data = encodeCallback(action, uuid);
      expect(data.startsWith('v1:')).toBe(true);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCallback(data)).toEqual({ action, subject: uuid });
    }
  });

  it('refuses subjects that would not fit, and reads old or foreign formats as stale', () => {
    expect(() => encodeCallback('claim', 'x'.repeat(60))).toThrow(/64 bytes/);
    expect(decodeCallback(`v0:c:${uuid}`)).toBeNull();
    expect(decodeCallback(`v1:zz:${uuid}`)).toBeNull();
    expect(decodeCallback('ambil')).toBeNull();
  });
});
