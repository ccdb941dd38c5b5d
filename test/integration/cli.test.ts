import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';

let cli: CliHarness;
beforeAll(async () => {
  cli = await cliHarness();
});
afterAll(async () => {
  await cli.close();
});

/** Row counts of the directory tables, to prove a refused command wrote nothing. */
async function counts(): Promise<Record<string, number>> {
  if (!cli.env.DATABASE_URL) {
    const r = await cli.run('holidays', 'list', '--json');
    return { holidays: JSON.parse(r.out).length };
  }
  const c = new pg.Client({ connectionString: cli.env.DATABASE_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ t: string; n: string }>(
      `SELECT 'agency' t, count(*)::text n FROM agency UNION ALL SELECT 'unit', count(*)::text FROM unit
       UNION ALL SELECT 'person', count(*)::text FROM person UNION ALL SELECT 'role', count(*)::text FROM role_assignment
       UNION ALL SELECT 'chat', count(*)::text FROM chat UNION ALL SELECT 'audit', count(*)::text FROM audit_event
       UNION ALL SELECT 'holiday', count(*)::text FROM holiday`,
    );
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  } finally {
    await c.end();
  }
}

describe('penghubung deadline', () => {
  it.each([
    // Idul Fitri 2026: 16 Mar (Mon) receipt → 17,18c,19L,20c,21-22L,23c,24c → 17, 25, 26, 27, 30 = due 30 Mar.
    ['2026-03-16', 'normatif', [], { dueDate: '2026-03-30', reminderDate: '2026-03-25', workingDays: 5 }],
    // With cuti bersama counted as working days: 17, 18, 20, 23, 24.
    ['2026-03-16', 'informasi', ['--cuti-bersama-workday'], { dueDate: '2026-03-24', reminderDate: '2026-03-18', workingDays: 5 }],
    // 23:59 WIB on Friday 6 Mar vs 01:59 WIT on Saturday: a timestamp with zone is exact.
    ['2026-03-05T16:59:00Z', 'normatif', [], { received: '2026-03-05', dueDate: '2026-03-12' }],
    ['2026-03-05T16:59:00Z', 'normatif', ['--tz', 'Asia/Jayapura'], { received: '2026-03-06', dueDate: '2026-03-13', tz: 'Asia/Jayapura' }],
    // 14 working days from Mon 5 Jan 2026: 6..9, 12..15, (16 libur), 19..23, 26 → 26 Jan.
    ['2026-01-05', 'tanpa-pengawasan', [], { dueDate: '2026-01-26', workingDays: 14 }],
  ] as const)('%s %s %j', async (received, category, extra, expected) => {
    const r = await cli.run('deadline', '--received', received, '--category', category, ...extra, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).sort()).toEqual(['category', 'dueDate', 'received', 'reminderDate', 'tz', 'workingDays']);
    expect(json).toMatchObject({ category, ...expected });
  });

  it('prints a readable summary without --json', async () => {
    const r = await cli.run('deadline', '--received', '2026-03-16', '--category', 'normatif');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Due date:     2026-03-30');
    expect(r.out).toContain('Reminder:     2026-03-25');
  });

  it.each([
    [['--received', '2026-13-01', '--category', 'normatif'], /--received must be a date/],
    [['--received', 'yesterday', '--category', 'normatif'], /--received must be a date/],
    [['--received', '2026-03-16', '--category', 'urgent'], /--category must be one of/],
    [['--category', 'normatif'], /missing --received/],
    [['--received', '2026-03-16', '--category', 'normatif', '--tz', 'UTC'], /--tz must be one of/],
    [['--received', '2026-03-16', '--category', 'normatif', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const r = await cli.run('deadline', ...args);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('(usage: penghubung deadline --received');
    expect(r.out).toBe('');
  });
});

describe('directory commands', () => {
  it('builds an agency, units, people, roles and chats', async () => {
    expect((await cli.run('migrate')).code).toBe(0);
    expect(await cli.run('agency', 'add', '--code', 'bkn', '--name', 'Badan Kepegawaian Negara')).toMatchObject({ code: 0, out: 'agency BKN added (Badan Kepegawaian Negara)' });
    expect((await cli.run('unit', 'add', '--code', 'BKN-DEP-MUTASI', '--name', 'Deputi Mutasi')).code).toBe(0);
    expect((await cli.run('unit', 'add', '--code', 'BKN-DIT-PENGADAAN', '--name', 'Direktorat Pengadaan', '--parent', 'BKN-DEP-MUTASI')).out).toBe('unit BKN-DIT-PENGADAAN added to BKN');
    const person = await cli.run('person', 'add', '--name', 'Budi Santoso', '--telegram', '123456789', '--whatsapp', '0812-3456-7890');
    expect(person.code).toBe(0);
    expect((await cli.run('role', 'grant', '--person', '+6281234567890', '--unit', 'BKN-DIT-PENGADAAN', '--role', 'penghubung')).out).toBe('Budi Santoso is now penghubung in BKN-DIT-PENGADAAN');
    expect((await cli.run('role', 'grant', '--person', 'Budi Santoso', '--agency', 'BKN', '--role', 'admin_instansi')).out).toBe('Budi Santoso is now admin_instansi of BKN');
    expect((await cli.run('chat', 'bind', '--platform', 'telegram', '--chat', '-1001234567890', '--thread', '42', '--unit', 'BKN-DIT-PENGADAAN')).out).toBe('telegram chat -1001234567890 topic 42 bound to BKN-DIT-PENGADAAN');
    expect((await cli.run('chat', 'bind', '--platform', 'telegram', '--chat', '-1009999', '--agency', 'BKN')).out).toBe('telegram chat -1009999 bound to BKN (admin chat)');
    expect((await cli.run('holidays', 'add', '--date', '2026-06-15', '--kind', 'lokal', '--name', 'HUT Kota', '--agency', 'BKN')).code).toBe(0);
    const list = await cli.run('holidays', 'list', '--year', '2026');
    expect(list.out).toContain('2026-06-15  lokal           HUT Kota  [admin]');
    expect(list.out).toContain('2026-03-19  libur_nasional');
    if (cli.env.DATABASE_URL) {
      expect(await counts()).toMatchObject({ agency: 1, unit: 2, person: 1, role: 2, chat: 2, holiday: 1 });
    }
  });

  it.each([
    [['unit', 'add', '--code', 'X Y', '--name', 'Bad code'], /Masukan tidak valid \(kode/],
    [['unit', 'add', '--code', 'BKN-DIT-PENGADAAN', '--name', 'Again'], /sudah ada/],
    [['unit', 'add', '--code', 'BKN-NEW', '--name', 'Orphan', '--parent', 'NOPE'], /Unit NOPE tidak ditemukan/],
    [['unit', 'add', '--name', 'No code'], /missing --code/],
    [['person', 'add', '--name', 'Siti', '--whatsapp', 'abc'], /whatsapp/],
    [['person', 'add', '--name', 'Siti', '--telegram', '@siti'], /telegram/],
    [['person', 'add', '--name', 'Dup', '--telegram', '123456789'], /sudah ada/],
    [['role', 'grant', '--person', 'Nobody', '--unit', 'BKN-DIT-PENGADAAN', '--role', 'penghubung'], /tidak ditemukan/],
    [['role', 'grant', '--person', 'Budi Santoso', '--unit', 'BKN-DIT-PENGADAAN', '--role', 'boss'], /--role must be one of/],
    [['role', 'grant', '--person', 'Budi Santoso', '--role', 'penghubung'], /give --unit/],
    [['chat', 'bind', '--platform', 'telegram', '--chat', 'abc', '--unit', 'BKN-DIT-PENGADAAN'], /ID chat Telegram/],
    [['chat', 'bind', '--platform', 'signal', '--chat', '1', '--unit', 'BKN-DIT-PENGADAAN'], /--platform must be one of/],
    [['chat', 'bind', '--platform', 'telegram', '--chat', '-100', '--unit', 'BKN-DIT-PENGADAAN', '--agency', 'BKN'], /exactly one of/],
    [['chat', 'bind', '--platform', 'telegram', '--chat', '-100', '--unit', 'BKN-DIT-PENGADAAN', '--agency'], /exactly one of/],
    [['chat', 'bind', '--platform', 'telegram', '--chat', '-100'], /exactly one of/],
    [['chat', 'bind', '--platform', 'telegram', '--chat', '-100', '--agency', 'NOPE'], /tidak ditemukan/],
    [['holidays', 'list', '--year', '26'], /--year must be a year/],
    [['holidays', 'add', '--date', '2026-02-30', '--kind', 'lokal', '--name', 'x'], /--date must be YYYY-MM-DD/],
    [['holidays', 'add', '--date', '2026-02-20', '--kind', 'party', '--name', 'x'], /--kind must be one of/],
  ])('refuses %j with exit code 2 and writes nothing', async (args, message) => {
    const before = await counts();
    const r = await cli.run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it('binds the admin chat with a bare --agency when there is only one agency', async () => {
    const r = await cli.run('chat', 'bind', '--platform', 'whatsapp', '--agency', '--chat', '120363025246125486@g.us');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('whatsapp chat 120363025246125486@g.us bound to BKN (admin chat)');
    expect((await cli.run('chat', 'bind', '--platform', 'telegram', '--chat', '-1007777', '--agency')).out).toBe('telegram chat -1007777 bound to BKN (admin chat)');
  });

  it('refuses a bare --agency when there are several agencies, writing nothing', async () => {
    expect((await cli.run('agency', 'add', '--code', 'KEMDIK', '--name', 'Kementerian Pendidikan')).code).toBe(0);
    const before = await counts();
    const r = await cli.run('chat', 'bind', '--platform', 'telegram', '--chat', '-1008888', '--agency');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/sebutkan --agency <kode>/);
    expect(await counts()).toEqual(before);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const r = await cli.run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command/);
  });

  it('reports every bad environment variable at once', async () => {
    const { runCli } = await import('../../src/cli.js');
    const err: string[] = [];
    const code = await runCli(['migrate'], { out: () => {}, err: (l) => err.push(l) }, { DATABASE_URL: 'mysql://x', OFFICE_TIMEZONE: 'Europe/Paris', API_PORT: 'http' });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/DATABASE_URL: expected postgresql:\/\//);
    expect(err.join('\n')).toMatch(/OFFICE_TIMEZONE: expected one of Asia\/Jakarta/);
    expect(err.join('\n')).toMatch(/API_PORT: expected a port number/);
  });
});

describe('embedded database lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'penghubung-lock-'));
  const env = { PGLITE_DIR: join(dir, 'db'), LOG_LEVEL: 'silent', CONSOLE: 'false' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function migrate(): Promise<{ code: number; out: string; err: string }> {
    const { runCli } = await import('../../src/cli.js');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['migrate'], { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('refuses a folder another live process holds, with a clear message, and opens nothing', async () => {
    // The lock file beside the folder names a live process other than this one: the test runner's parent.
    writeFileSync(`${env.PGLITE_DIR}.lock`, String(process.ppid));
    const r = await migrate();
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `The embedded database ${env.PGLITE_DIR} is already in use by process ${process.ppid}. ` +
        'Stop that process first, or give this one its own folder with PGLITE_DIR, or use PostgreSQL (DATABASE_URL) to run several processes.',
    );
    expect(readdirSync(env.PGLITE_DIR)).toEqual([]); // PGlite never opened it
  });

  it('takes over the lock of a process that is gone, and releases it when done', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(`${env.PGLITE_DIR}.lock`, String(gone));
    const r = await migrate();
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^applied \d+ migration\(s\)/);
    expect(existsSync(`${env.PGLITE_DIR}.lock`)).toBe(false);
  });
});
