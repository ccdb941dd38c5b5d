/** WhatsApp translation without a database: numbers, inbound messages, rendering, the port. */
import { describe, expect, it } from 'vitest';
import { messageToInbound, phoneToWaId, waIdToPhone } from '../../src/adapters/whatsapp/inbound.js';
import { renderStatusReply, renderWhatsApp, WHATSAPP_TEXT_LIMIT } from '../../src/adapters/whatsapp/render.js';
import { classifyWhatsAppError, SPAM_BACKOFF_MS, WhatsAppPort, type WaLink } from '../../src/adapters/whatsapp/port.js';
import { SendError } from '../../src/adapters/port.js';
import { normalizePhone } from '../../src/lib/phone.js';
import type { WaMessage } from '../../src/adapters/whatsapp/client.js';
import { FakeWhatsApp } from '../fakes/fake-whatsapp.js';

const GROUP = '120363025246125486@g.us';
const buttons = [[{ label: 'Ambil', data: 'v1:c:x' }, { label: 'Respon awal', data: 'v1:r:x' }], [{ label: 'Status', data: 'v1:s:x' }]];

describe('WhatsApp number normalisation', () => {
  it.each([
    ['6281234567890@c.us', '+6281234567890'],
    ['6281234567890:17@c.us', '+6281234567890'],
    ['6281234567890@s.whatsapp.net', '+6281234567890'],
    ['62081234567890@c.us', '+6281234567890'],
    ['31612345678@c.us', '+31612345678'],
    ['120363025246125486@g.us', null],
    ['98765432101234@lid', null],
    ['status@broadcast', null],
    ['not-a-number@c.us', null],
  ])('chat id %s → %s', (id, phone) => {
    expect(waIdToPhone(id)).toBe(phone);
  });

  it.each([
    ['0812-3456-7890', '+6281234567890', '6281234567890@c.us'],
    ['+62 812 3456 7890', '+6281234567890', '6281234567890@c.us'],
    ['62812-3456-7890', '+6281234567890', '6281234567890@c.us'],
    ['(0812) 3456.7890', '+6281234567890', '6281234567890@c.us'],
    ['+6208123456789', '+628123456789', '628123456789@c.us'],
    ['0812', null, null],
    ['0812-abc', null, null],
  ])('typed number %s → %s → %s', (typed, e164, chatId) => {
    expect(normalizePhone(typed)).toBe(e164);
    expect(phoneToWaId(typed)).toBe(chatId);
  });
});

const message = (over: Partial<WaMessage>): WaMessage => ({
  id: { _serialized: `false_${GROUP}_3EB0AA_6281234567890@c.us` },
  from: GROUP,
  author: '6281234567890@c.us',
  fromMe: false,
  body: '/status 1234567',
  type: 'chat',
  notifyName: 'Budi',
  hasQuotedMsg: false,
  getQuotedMessage: async () => undefined,
  ...over,
});

describe('WhatsApp inbound', () => {
  const client = new FakeWhatsApp();
  client.groupNames.set(GROUP, 'Penghubung Pengadaan');
  client.lids.set('4455667788@lid', '6281234500000');

  it('turns a group message into an Inbound with the author as an E.164 user and the group title', async () => {
    expect(await messageToInbound(message({}), client)).toEqual({
      platform: 'whatsapp', chatId: GROUP, chatType: 'group', chatTitle: 'Penghubung Pengadaan',
      user: { id: '+6281234567890', name: 'Budi' }, messageId: `false_${GROUP}_3EB0AA_6281234567890@c.us`,
      text: '/status 1234567', replyToMessageId: undefined,
    });
  });

  it('takes a quoted message as the message replied to, and looks the title up only for commands', async () => {
    const quoted = message({ body: '1', hasQuotedMsg: true, getQuotedMessage: async () => ({ id: { _serialized: 'true_x_3EB0BB' } }) });
    const inbound = await messageToInbound(quoted, client);
    expect(inbound?.replyToMessageId).toBe('true_x_3EB0BB');
    expect(inbound?.chatTitle).toBeUndefined();
    expect((await messageToInbound(message({ body: '!ikat BKN-PENGADAAN' }), client))?.chatTitle).toBe('Penghubung Pengadaan');
  });

  it('handles private chats, hidden numbers (@lid) and nameless senders', async () => {
    const dm = await messageToInbound(message({ from: '6281234567890@c.us', author: undefined, notifyName: undefined }), client);
    expect(dm).toMatchObject({ chatId: '6281234567890@c.us', chatType: 'private', user: { id: '+6281234567890', name: '+6281234567890' } });
    expect((await messageToInbound(message({ author: '4455667788@lid' }), client))?.user.id).toBe('+6281234500000');
    // Unresolvable: an opaque id, which the identity lookup does not find (onboarding follows).
    expect((await messageToInbound(message({ author: '1111@lid' }), client))?.user.id).toBe('1111@lid');
  });

  it('ignores its own messages, status updates, channels, stickers and empty texts', async () => {
    const ignored = [
      message({ fromMe: true }),
      message({ from: 'status@broadcast' }),
      message({ from: '1203630@newsletter' }),
      message({ type: 'sticker' }),
      message({ type: 'e2e_notification' }),
      message({ body: '   ' }),
      message({ author: undefined }),
    ];
    for (const m of ignored) expect(await messageToInbound(m, client)).toBeNull();
    expect(await messageToInbound(message({ type: 'image', body: '/status 1' }), client)).not.toBeNull();
  });
});

describe('WhatsApp rendering', () => {
  it('appends buttons as a numbered menu', () => {
    expect(renderWhatsApp({ text: 'Laporan #1', buttons }).text).toBe('Laporan #1\n\nBalas pesan ini dengan angka: 1 = Ambil · 2 = Respon awal · 3 = Status');
    expect(renderWhatsApp({ text: 'Tanpa tombol' })).toEqual({ text: 'Tanpa tombol', mentions: [] });
  });

  it('shortens long texts but keeps the whole menu', () => {
    const r = renderWhatsApp({ text: 'x'.repeat(10_000), buttons });
    expect(r.text.length).toBeLessThanOrEqual(WHATSAPP_TEXT_LIMIT);
    expect(r.text.endsWith('3 = Status')).toBe(true);
  });

  it('mentions officers by number once, in any typed form', () => {
    const r = renderWhatsApp({ text: 'Pengingat untuk @6281200000002', mentions: ['+6281200000002', '0812-0000-0003', '0812-0000-0003', 'bukan nomor'] });
    expect(r.mentions).toEqual(['6281200000002@c.us', '6281200000003@c.us']);
    expect(r.text).toBe('Pengingat untuk @6281200000002\n@6281200000003');
  });

  it('turns an edit into a short status update: the heading of the new text and its menu', () => {
    const post = ['📋 Laporan #1 · Pengaduan', 'Diterima: Sen', 'Status: Belum Ditindaklanjuti · diambil Budi (09.12)', 'Terakhir: diambil oleh Budi (09.12)', '', 'Judul: rahasia', 'isi panjang'].join('\n');
    const r = renderStatusReply({ text: post, buttons: [[{ label: 'Respon awal', data: 'v1:r:x' }]] });
    expect(r.text).toBe(['✏️ Pembaruan:', ...post.split('\n').slice(0, 4), '', 'Balas pesan ini dengan angka: 1 = Respon awal'].join('\n'));
  });
});

const link = (client: FakeWhatsApp | null, ready: boolean, terminal = false): WaLink => ({
  current: () => client,
  isReady: () => ready,
  describe: () => (ready ? 'ready' : terminal ? 'logged_out' : 'reconnecting'),
  isTerminal: () => terminal,
});
const target = { platform: 'whatsapp' as const, chatId: GROUP };

describe('WhatsApp port', () => {
  it.each([
    ['rate-overlimit', 'rate_limited'],
    ['Too many requests', 'rate_limited'],
    ['disconnected: TOS_BLOCK', 'rate_limited'],
    [`chat not found: ${GROUP}`, 'chat_gone'],
    ['You are not a participant of this group', 'chat_gone'],
    ['not-authorized', 'chat_gone'],
    ['Protocol error (Runtime.callFunctionOn): Session closed.', 'transient'],
    ['Navigation timeout of 30000 ms exceeded', 'transient'],
    ['something new', 'transient'],
  ])('classifies "%s" as %s', (text, kind) => {
    const e = classifyWhatsAppError(new Error(text));
    expect(e.kind).toBe(kind);
    if (kind === 'rate_limited') expect(e.retryAfterMs).toBe(SPAM_BACKOFF_MS);
  });

  it('holds messages back while not connected without spending an attempt', async () => {
    const fake = new FakeWhatsApp();
    const reconnecting = new WhatsAppPort(link(fake, false), { notReadyRetryMs: 1234 });
    await expect(reconnecting.send(target, { text: 'x' })).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 1234 });
    const loggedOut = new WhatsAppPort(link(null, false, true), { loggedOutRetryMs: 5678 });
    await expect(loggedOut.edit(target, 'm1', { text: 'x' })).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 5678 });
    expect(fake.sent).toEqual([]);
  });

  it('sends with the quote and mentions, edits as a quoting status reply, and files as documents', async () => {
    const fake = new FakeWhatsApp();
    await fake.initialize();
    await fake.waitFor(() => fake.connected);
    const port = new WhatsAppPort(link(fake, true));
    const sent = await port.send(target, { text: 'Halo', buttons, mentions: ['+6281200000002'] }, { replyToMessageId: 'false_q1' });
    expect(fake.sent[0]).toMatchObject({ id: sent.messageId, quotedMessageId: 'false_q1', mentions: ['6281200000002@c.us'] });
    const edited = await port.edit(target, sent.messageId, { text: 'Laporan #1\nStatus: Proses\n\nisi' });
    expect(edited.messageId).not.toBe(sent.messageId);
    expect(fake.sent[1]).toMatchObject({ quotedMessageId: sent.messageId, text: '✏️ Pembaruan:\nLaporan #1\nStatus: Proses' });
    await port.send(target, { text: 'Rekap', document: { filename: 'rekap.xlsx', mimeType: 'application/vnd.ms-excel', contentBase64: 'AA==' } });
    expect(fake.sent[2]).toMatchObject({ document: 'rekap.xlsx', text: 'Rekap' });
    fake.failNext('You are not a participant of this group');
    await expect(port.send(target, { text: 'x' })).rejects.toBeInstanceOf(SendError);
  });
});
