/**
 * The PII scanner over a whole working day: a report full of the reporter's identity (name, NIK,
 * phone, e-mail, address) goes through disposition, claim, answers that quote the reporter, a
 * bounce and a hold whose reasons quote them, look-ups, the deadline sweep and a recap; the real
 * dispatcher sends everything to the fake Telegram API. No message into a group, and no log line
 * (trace level, every component), may carry the fixtures' personal data.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ChatCore } from '../../src/chat/core.js';
import { createRegistry } from '../../src/commands/index.js';
import { createTelegramBot } from '../../src/adapters/telegram/client.js';
import { TelegramPort } from '../../src/adapters/telegram/port.js';
import { OutboxDispatcher } from '../../src/scheduler/outbox-dispatcher.js';
import { sweepDeadlines } from '../../src/scheduler/jobs/deadline-sweep.js';
import { FakeTelegramApi } from '../fakes/telegram-api.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { say, TG } from '../helpers/chat.js';
import { eventually } from '../helpers/eventually.js';
import { capturingLogger, scanner, type Leak } from './pii-scanner.js';

const onPostgres = inject('pgTemplate') !== null;
const FIXTURES = {
  names: ['Rina Kartika', 'Hendra Wijaya'],
  numbers: ['0812-3456-7890', '3174051203900001', '0857 1111 2222'],
  emails: ['rina.kartika@example.org', 'hendra.w@example.org'],
};
const BODY = 'Selamat pagi, saya Rina Kartika (NIK 3174051203900001), HP 0812-3456-7890, email rina.kartika@example.org, ' +
  'alamat Jl. Melati No. 17 RT 004/RW 009. Kapan pengumuman seleksi PPPK?';

let db: TestDb;
let w: World;
let core: ChatCore;
let api: FakeTelegramApi;
let dispatcher: OutboxDispatcher;
const logs: string[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  w = await buildWorld(db);
  const log = capturingLogger(logs);
  const services = { ...w.ctx, log };
  core = new ChatCore({ services, registry: createRegistry(), botUsername: 'penghubung_test_bot' });
  api = await FakeTelegramApi.start();
  const bot = createTelegramBot({ token: api.token, apiRoot: api.apiRoot });
  dispatcher = new OutboxDispatcher({ db: db.prisma, ports: { telegram: new TelegramPort(bot.api) }, log, instanceId: 'pii', limits: { telegram: { perChatPerMinute: Infinity, perSecond: Infinity } }, idleMs: 50 });
  w = { ...w, ctx: services };
}, 60_000);

afterAll(async () => {
  if (!onPostgres) return;
  await dispatcher.stop();
  await api.stop();
  await db.close();
});

describe.runIf(onPostgres)('PII scan of a working day', () => {
  it('leaks no personal data of the fixtures into any group message or log line', async () => {
    const reporter = { name: 'Rina Kartika', contact: '0812-3456-7890' };
    await w.newReport('5000001', { title: 'Rina Kartika 0812-3456-7890 tanya pengumuman PPPK', body: BODY, reporter });
    await w.newReport('5000002', { title: 'Tunjangan Hendra Wijaya belum dibayar', body: 'Saya Hendra Wijaya, HP 0857 1111 2222, hendra.w@example.org.', reporter: { name: 'Hendra Wijaya', contact: '0857 1111 2222' } });
    await w.newReport('5000003', { body: BODY, reporter });
    const { admin, budi, citra } = TG;
    const { A, admin: adminChat } = w.chats;
    const day = [
      [admin, adminChat, '/disposisi 5000001 BKN-PENGADAAN'],
      [admin, adminChat, '/disposisi 5000002 BKN-PENGADAAN'],
      [admin, adminChat, '/disposisi 5000003 BKN-PENGADAAN'],
      [budi, A, '/ambil 5000001'],
      [budi, A, '/respon 5000001 Terima kasih Ibu Rina Kartika, kami hubungi di 0812-3456-7890 atau rina.kartika@example.org.'],
      [citra, A, '/status 5000001'],
      [citra, A, '/daftar'],
      [budi, A, '/saya'],
      [budi, A, '/bukanwewenang 5000002 Pelapor Hendra Wijaya (HP 0857 1111 2222) menanyakan gaji, kewenangan Biro Keuangan.'],
      [admin, adminChat, '/tunda 5000003 Menunggu KTP Rina Kartika, NIK 3174051203900001, dikirim ke rina.kartika@example.org.'],
      [admin, adminChat, '/status 5000002'],
      [budi, A, '/tindaklanjut 5000001 Ibu Rina Kartika (NIK 3174051203900001): pengumuman 20 Maret. --selesai'],
      [admin, adminChat, '/rekap'],
      [admin, adminChat, '/terlambat'],
    ] as const;
    for (const [who, chat, text] of day) await say(core, w, who, chat, text);

    // Days later: the deadline sweep nudges the unit about what is still open.
    await w.newReport('5000004', { title: 'Rina Kartika menunggu jawaban', body: BODY, reporter });
    await say(core, w, admin, adminChat, '/disposisi 5000004 BKN-PENGADAAN');
    w.clock.set('2026-03-16T01:30:00Z'); // two weeks on, 08:30 WIB on a Monday
    await sweepDeadlines(w.ctx, w.ctx.log);
    await say(core, w, admin, adminChat, '/terlambat');

    dispatcher.start();
    await eventually(async () => expect(await db.prisma.outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })).toBe(0), 60_000, 100);
    const groupTexts = [
      ...api.messages().filter((m) => m.chat.id < 0).map((m) => ({ where: `message to ${m.chat.id}`, text: m.text ?? m.caption ?? '' })),
      ...api.edits().filter((m) => m.chat.id < 0).map((m) => ({ where: `edit in ${m.chat.id}`, text: m.text ?? '' })),
    ];
    expect(groupTexts.length).toBeGreaterThan(10);
    expect(groupTexts.some((t) => /\[NAMA\]|\[TELEPON\]|\[NIK\]|\[EMAIL\]/.test(t.text))).toBe(true); // masking did happen
    expect(logs.length).toBeGreaterThan(10);

    const scan = scanner(FIXTURES);
    const leaks: Leak[] = [...groupTexts.flatMap((t) => scan(t.where, t.text)), ...logs.flatMap((l) => scan('log', l))];
    expect(leaks).toEqual([]);
    // The claimant got the report privately (not scanned: a private chat is not a group).
    expect(api.messages(Number(budi.id)).some((m) => (m.text ?? '').includes('#5000001'))).toBe(true);
  }, 120_000);
});
