/**
 * The monthly SP4N indicators (issue 11) on the hand-written fixture month of
 * test/helpers/monthly-world.ts: every one of the 23 indicators for March 2026, worked out by hand
 * from the table there (the arithmetic is in the comments); the month's edges, missing
 * timestamps, an agency without reports, a group of agencies; the workbook reopened; the
 * quarterly section; `/laporan bulanan`; and the monthly job on the first working day.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { silentLogger } from '../../src/lib/logger.js';
import { recapJobs } from '../../src/recap/jobs.js';
import { combineMonths, computeIndicators, computeReporters, computeScopeIndicators, topTopicOf, type Indicators } from '../../src/recap/monthly.js';
import { INDICATORS } from '../../src/recap/monthly-rows.js';
import { buildMonthlyWorkbook, INDICATOR_FIRST_ROW, INDICATOR_HEADERS } from '../../src/recap/monthly-report.js';
import { isFirstWorkingDayOfMonth, MONTHLY_REPORT_CRON } from '../../src/recap/monthly-job.js';
import { monthPeriod, quarterPeriod } from '../../src/recap/period.js';
import { buildQuarterlyWorkbook } from '../../src/recap/quarterly.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, say, TG } from '../helpers/chat.js';
import { at, buildMonthlyScenario, type MonthlyWorld } from '../helpers/monthly-world.js';

let db: TestDb;
let w: World;
let m: MonthlyWorld;
let core: ChatCore;

const TZ = 'Asia/Jakarta';
const NOW = at('04-10 10:00');

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  m = await buildMonthlyScenario(w);
  core = chatCore(w);
  w.clock.set(NOW);
});

afterAll(async () => {
  await db?.close();
});

const march = (scope: { agencyId?: string; groupId?: string } = {}) => computeIndicators(w.ctx.db, { period: monthPeriod(2026, 3), timeZone: TZ, asOf: NOW, ...scope });

/** The 23 indicators in order, as the table shows them. */
const values = (f: Indicators) => Object.fromEntries(INDICATORS.map((d) => [d.no, d.value(f)]));

describe('the 23 indicators of March 2026 for BKN (hand-computed)', () => {
  let f: Indicators;
  beforeAll(async () => {
    f = await march({ agencyId: w.agencyId });
  });

  it('all 23, in order', () => {
    expect(values(f)).toEqual({
      // Channels: website M1 M6 ("WEBSITE ") M7 M8 M11; sms M2 M9; telepon M3 M10; langsung M4 M12; none M5.
      '1.1': 5, '1.2': 2, '1.3': 2, '1.4': 2,
      // M1–M12 (M10 at 23:59 on the 31st is March; X1 on 28 Feb 23:00 and X2 on 1 Apr 00:05 are not).
      '2': 12,
      // Verified: all but M5 (BT) and M7 (archived untouched); M9 has no timestamp but is Selesai.
      '3': 10,
      // Disposed: also not M6 (held before routing).
      '4': 9,
      // Responded: M1 M2 M3 M8 (history only: bounced since) M9 (Selesai) M10 M11 M12.
      '5': 8,
      '6': 2, // BD: M4 M8
      '7': 2, // Proses: M3 M10
      '8': 5, // Selesai: M1 M2 M9 M11 M12
      '9': 6, // BT M5 + BD 2 + Proses 2 + Tunda M6
      '10': 1, // Tunda: M6
      '11': 2, // replied: M1 M3
      // Receipt → first disposition: M1 1, M2 1 (received 23:30), M3 0, M4 2, M8 0 (history, not the 26th), M10 1, M11 0, M12 0 = 5/8 = 0.625.
      '12': 0.6,
      // → first response: M1 2, M2 2, M3 4, M8 1 (history), M10 2, M11 1, M12 −1 → 0 = 12/7 = 1.714.
      '13': 1.7,
      // → first tindak lanjut: M1 4, M2 4 (history 7 Mar, not the last on the 10th), M10 3, M11 19, M12 −1 → 0 = 30/5.
      '14': 6,
      // → closure (Selesai with a date): M1 4, M2 7, M11 19 (closed in April), M12 1 = 31/4 = 7.75, half up.
      '15': 7.8,
      // Open and received before 30 Jan (more than 60 days before 31 Mar): X3 (15 Jan, Proses), X5 (29 Jan, Tunda); X4 (30 Jan) is exactly 60.
      '16': 2,
      // Persons: {M1, M2 (+62 = 0)} L, {M3, M4 (case, blanks)} P disabled, M5 P, M6 ?, M7 ?, M8 L disabled, M9 P, M10 L, M11 P, M12 L.
      '17': 4, '18': 4, '19': 2,
      // Ratings: M1 4.00, M2 2.50, M9 5.00, M11 3.00 = 14.5/4 = 3.625; accuracy M1 5, M2 3, M11 4 = 12/3.
      '20': 3.63, '21': 4,
      '22': 12,
      '23': 'PPPK (5)',
    });
  });

  it('says what the means are made of and in which unit', () => {
    expect([f.daysToDispose, f.daysToRespond, f.daysToFollowUp, f.daysToResolve].map((x) => [x.count, x.sum, x.unit])).toEqual([
      [8, 5, 'hari kalender'], [7, 12, 'hari kalender'], [5, 30, 'hari kalender'], [4, 31, 'hari kalender'],
    ]);
    expect([f.rating, f.ratingAccuracy].map((x) => [x.count, x.sum, x.unit])).toEqual([[4, 1450, 'nilai 1–5'], [3, 1200, 'nilai 1–5']]);
  });

  it('22 lists every topic (case and blanks merged, named by the usual spelling), and the notes make the totals add up', () => {
    expect(f.topics).toEqual([{ topic: 'PPPK', count: 5 }, { topic: 'Mutasi', count: 3 }, { topic: 'Pensiun', count: 3 }, { topic: null, count: 1 }]);
    expect(f.topTopic).toEqual({ topics: ['PPPK'], count: 5 });
    expect([f.channels.unknown, f.archived, f.reporters.total, f.reporters.vulnerable]).toEqual([1, 1, 10, 1]);
    // 2 = 8 + 9 + archived
    expect(f.resolved + f.unresolved + f.archived).toBe(f.received);
  });

  it('23 names every topic on a tie and never "no topic"', () => {
    expect(topTopicOf([{ topic: null, count: 9 }, { topic: 'PPPK', count: 3 }, { topic: 'Mutasi', count: 3 }, { topic: 'Pensiun', count: 1 }])).toEqual({ topics: ['Mutasi', 'PPPK'], count: 3 });
    expect(topTopicOf([{ topic: null, count: 2 }])).toEqual({ topics: [], count: 0 });
  });
});

describe('edges', () => {
  it('a report received on 28 Feb and handled in March counts in February only', async () => {
    const feb = await computeIndicators(w.ctx.db, { period: monthPeriod(2026, 2), agencyId: w.agencyId, timeZone: TZ, asOf: NOW });
    // X1: received 28 Feb 23:00, disposed 1 Mar (1 day), responded and closed 2 Mar (2 days).
    expect([feb.received, feb.resolved, feb.daysToDispose.value, feb.daysToRespond.value, feb.daysToResolve.value]).toEqual([1, 1, 1, 2, 2]);
  });

  it('April starts at 00:00 WIB: X2 (00:05) is April, M10 (23:59 on the 31st) is not', async () => {
    const apr = await computeIndicators(w.ctx.db, { period: monthPeriod(2026, 4), agencyId: w.agencyId, timeZone: TZ, asOf: NOW });
    expect([apr.received, apr.channels.website, apr.unresolved, apr.daysToDispose.value]).toEqual([1, 1, 1, null]);
  });

  it('an agency with no report: zeros, and means without a value (not 0)', async () => {
    const f = await march({ agencyId: m.emptyAgencyId });
    expect(values(f)).toEqual({
      '1.1': 0, '1.2': 0, '1.3': 0, '1.4': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0, '9': 0, '10': 0, '11': 0,
      '12': null, '13': null, '14': null, '15': null, '16': 0, '17': 0, '18': 0, '19': 0, '20': null, '21': null, '22': 0, '23': null,
    });
    expect(f.daysToResolve).toEqual({ value: null, count: 0, sum: 0, unit: 'hari kalender' });
  });

  it('a group of agencies ("simpul") aggregates from one database; a person reporting to both counts once', async () => {
    const g = await march({ groupId: m.groupId });
    expect(values(g)).toEqual({
      // BKN plus KEMENPAN's O1 (sms, Selesai, disposed day 0, responded day 1, closed day 3, 4.50, Mutasi, same phone as M1).
      '1.1': 5, '1.2': 3, '1.3': 2, '1.4': 2, '2': 13, '3': 11, '4': 10, '5': 9, '6': 2, '7': 2, '8': 6, '9': 6, '10': 1, '11': 2,
      '12': 0.6, // 5/9 = 0.556
      '13': 1.6, // 13/8 = 1.625
      '14': 5.5, // 33/6
      '15': 6.8, // 34/5
      '16': 3, // + O2 (2 Jan, still unverified)
      '17': 4, '18': 4, '19': 2,
      '20': 3.8, // 19/5
      '21': 4,
      '22': 13,
      '23': 'PPPK (5)',
    });
    expect(g.topics).toEqual([{ topic: 'PPPK', count: 5 }, { topic: 'Mutasi', count: 4 }, { topic: 'Pensiun', count: 3 }, { topic: null, count: 1 }]);
    // Every agency: the same (KOSONG adds nothing).
    expect(values(await march())).toEqual(values(g));
  });

  it('a group also gives each agency its own figures (same as computed alone), from the same statements', async () => {
    const { total, agencies } = await computeScopeIndicators(w.ctx.db, { period: monthPeriod(2026, 3), timeZone: TZ, asOf: NOW, groupId: m.groupId });
    expect(values(total)['2']).toBe(13);
    expect([...agencies.keys()].sort()).toEqual([w.agencyId, m.otherAgencyId].sort());
    expect(agencies.get(w.agencyId)).toEqual(await march({ agencyId: w.agencyId }));
    const other = agencies.get(m.otherAgencyId)!;
    // O1 only; 16 = O2; its reporter is M1's person, counted once per agency but once in the group.
    expect([other.received, other.resolved, other.overSixtyDays, other.reporters.male, other.daysToResolve.value, other.rating.value, other.topTopic]).toEqual([1, 1, 1, 1, 3, 4.5, { topics: ['Mutasi'], count: 1 }]);
    expect(total.reporters.male).toBe(4);
  });

  it('a quarter made of its months equals the quarter computed at once', async () => {
    const base = { agencyId: w.agencyId, timeZone: TZ, asOf: NOW };
    const months = await Promise.all([1, 2, 3].map((mo) => computeIndicators(w.ctx.db, { ...base, period: monthPeriod(2026, mo) })));
    const q = quarterPeriod(2026, 1);
    const combined = combineMonths(months, q, await computeReporters(w.ctx.db, { ...base, period: q }));
    const direct = await computeIndicators(w.ctx.db, { ...base, period: q });
    expect(combined).toEqual(direct);
  });
});

/** Values of a row from column 1, as exceljs reads them back. */
function cells(ws: ExcelJS.Worksheet, n: number, width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => ws.getRow(n).getCell(i + 1).value ?? null);
}

describe('monthly workbook', () => {
  let wb: ExcelJS.Workbook;
  let filename: string;
  beforeAll(async () => {
    const built = await buildMonthlyWorkbook(w.ctx, { agencyId: w.agencyId, year: 2026, month: 3 });
    filename = built.filename;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(built.buffer as unknown as ExcelJS.Buffer);
  });

  it('reopens with the indicator table and the topic list', () => {
    expect(filename).toBe('laporan-bulanan-BKN-2026-03.xlsx');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Indikator', 'Per topik']);
    const ws = wb.getWorksheet('Indikator')!;
    expect(ws.getCell('A2').value).toBe('BKN — Badan Kepegawaian Negara');
    expect(ws.getCell('A3').value).toBe('Periode: Maret 2026 (1–31 Mar 2026) · laporan yang diterima pada periode ini, keadaan per 10 Apr 2026 pukul 10.00 WIB');
    expect(cells(ws, 6, 5)).toEqual(INDICATOR_HEADERS);
    expect(cells(ws, INDICATOR_FIRST_ROW, 5)).toEqual(['1.1', 'Jumlah aduan melalui website/apps', 5, null, null]);
    const rowOf = (no: string) => cells(ws, INDICATOR_FIRST_ROW + INDICATORS.findIndex((d) => d.no === no), 5);
    expect(rowOf('2')).toEqual(['2', 'Jumlah aduan yang diterima', 12, null, null]);
    expect(rowOf('13')).toEqual(['13', 'Rata-rata lama waktu merespon aduan', 1.7, 'hari kalender', 7]);
    expect(rowOf('16')).toEqual(['16', 'Jumlah laporan yang melebihi waktu 60 hari', 2, null, null]);
    expect(rowOf('20')).toEqual(['20', 'Rata-rata nilai dari pelapor', 3.63, 'nilai 1–5', 4]);
    expect(rowOf('23')).toEqual(['23', 'Kategori aduan terbanyak', 'PPPK (5)', null, null]);
    const topics = wb.getWorksheet('Per topik')!;
    expect([6, 7, 8, 9, 10, 11].map((r) => cells(topics, r, 2))).toEqual([
      ['Kategori/topik', 'Jumlah aduan'], ['PPPK', 5], ['Mutasi', 3], ['Pensiun', 3], ['(tanpa topik)', 1], ['Jumlah (= indikator 2)', 12],
    ]);
  });

  it('for a group: a sheet per agency with the total last', async () => {
    const built = await buildMonthlyWorkbook(w.ctx, { groupId: m.groupId, year: 2026, month: 3 });
    expect(built.filename).toBe('laporan-bulanan-SIMPUL-2026-03.xlsx');
    const g = new ExcelJS.Workbook();
    await g.xlsx.load(built.buffer as unknown as ExcelJS.Buffer);
    expect(g.worksheets.map((s) => s.name)).toEqual(['Indikator', 'Per topik', 'Per instansi']);
    const ws = g.getWorksheet('Per instansi')!;
    const width = 2 + INDICATORS.length;
    expect(cells(ws, 6, 6)).toEqual(['Kode', 'Instansi', '1.1', '1.2', '1.3', '1.4']);
    const col = (no: string) => 2 + INDICATORS.findIndex((d) => d.no === no);
    const pick = (r: unknown[]) => [r[0], r[col('2')], r[col('16')], r[col('17')], r[col('23')]];
    expect([7, 8, 9].map((n) => pick(cells(ws, n, width)))).toEqual([
      ['BKN', 12, 2, 4, 'PPPK (5)'],
      ['KEMENPAN', 1, 1, 1, 'Mutasi (1)'],
      ['Total', 13, 3, 4, 'PPPK (5)'],
    ]);
  });

  it('holds counts only: no reporter contact anywhere', () => {
    const all: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((r) => r.eachCell((c) => all.push(String(c.value))));
    expect(all.join('\n')).not.toMatch(/0812|sari@|budi@|Wulan|Sekar/);
  });
});

describe('quarterly workbook, part 1: the monthly indicators of the three months', () => {
  it('has a row per indicator with January, February, March, the total and the monthly mean', async () => {
    const { buffer } = await buildQuarterlyWorkbook(w.ctx, { agencyId: w.agencyId, year: 2026, quarter: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Ringkasan')!;
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => rows.push(cells(ws, n, 7)));
    const find = (label: string) => rows.find((r) => r[0] === label);
    expect(find('Indikator SP4N (laporan bulanan)')).toEqual(['Indikator SP4N (laporan bulanan)', 'Januari 2026', 'Februari 2026', 'Maret 2026', 'Total Triwulan I 2026', 'Rata-rata per bulan', 'Satuan']);
    // Jan: X3–X7; Feb: X1; Mar: M1–M12.
    expect(find('2. Jumlah aduan yang diterima')).toEqual(['2. Jumlah aduan yang diterima', 5, 1, 12, 18, 6, null]);
    // Selesai: X6, X1, five in March.
    expect(find('8. Jumlah aduan yang terselesaikan')).toEqual(['8. Jumlah aduan yang terselesaikan', 1, 1, 5, 7, 2.3, null]);
    // X6 2 days, X1 2 days, March 31/4: (2 + 2 + 31) / 6 = 5.83.
    expect(find('15. Rata-rata penyelesaian laporan')).toEqual(['15. Rata-rata penyelesaian laporan', 2, 2, 7.8, 5.8, 5.8, 'hari kalender']);
    // A snapshot at each month's end; the total is the quarter's end, no monthly mean.
    expect(find('16. Jumlah laporan yang melebihi waktu 60 hari')).toEqual(['16. Jumlah laporan yang melebihi waktu 60 hari', 0, 0, 2, 2, null, null]);
    expect(find('23. Kategori aduan terbanyak')).toEqual(['23. Kategori aduan terbanyak', null, 'PPPK (1)', 'PPPK (5)', 'PPPK (6)', null, null]);
    // Topics of 22 under it, per month: PPPK = X1 + five in March.
    expect(find('      PPPK')).toEqual(['      PPPK', 0, 1, 5, 6, 2, null]);
  });
});

interface Doc { filename: string; contentBase64: string; mimeType: string }
async function queuedSince(id: bigint) {
  const rows = await w.ctx.db.outbox.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ ...r, text: (r.payload as { text: string }).text, document: (r.payload as { document?: Doc }).document }));
}
const lastId = async (): Promise<bigint> => (await w.ctx.db.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;

describe('/laporan bulanan', () => {
  it('in the admin chat: the summary there, the XLSX privately', async () => {
    const before = await lastId();
    const r = await say(core, w, TG.admin, w.chats.admin, '/laporan bulanan 2026-03');
    const q = await queuedSince(before);
    const summary = r.replies[0]!;
    expect(summary).toContain('📈 Laporan Bulanan SP4N-LAPOR! — BKN — Badan Kepegawaian Negara');
    expect(summary).toContain('Periode: Maret 2026 (1–31 Mar 2026)');
    expect(summary).toContain('📥 Diterima (2): 12 — website/apps 5 · SMS 2 · telepon/surat/pos/e-mail 2 · datang langsung 2 · kanal tidak tercatat 1');
    expect(summary).toContain('⏱️ Rata-rata hari kalender — verifikasi/disposisi (12): 0,6 · respon (13): 1,7 · tindak lanjut (14): 6,0 · penyelesaian (15): 7,8');
    expect(summary).toContain('⭐ Nilai rata-rata (20): 3,63 · ketepatan solusi (21): 4,00');
    expect(summary).toContain('🏷️ Topik terbanyak (23): PPPK (5)');
    expect(r.replies[1]).toContain('dikirim ke chat pribadi Anda');
    const dm = q.find((x) => x.purpose === 'dm')!;
    expect(dm.target).toBe(TG.admin.id);
    expect(dm.document).toMatchObject({ filename: 'laporan-bulanan-BKN-2026-03.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(Buffer.from(dm.document!.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('defaults to the previous month (today is 10 Apr), takes 2026-3, refuses a bad month and a liaison officer', async () => {
    const before = await lastId();
    const r = await say(core, w, TG.admin, TG.admin.id, '/laporan bulanan');
    expect(r.replies[0]).toContain('Periode: Maret 2026');
    expect((await queuedSince(before)).map((x) => x.document?.filename ?? null)).toEqual([null, 'laporan-bulanan-BKN-2026-03.xlsx']);
    expect((await say(core, w, TG.admin, TG.admin.id, '/laporan bulanan 2026-2')).replies[0]).toContain('Periode: Februari 2026');
    expect((await say(core, w, TG.admin, w.chats.admin, '/laporan bulanan 2026-13')).replies[0]).toMatch(/^⚠️ .*TAHUN-BULAN, mis. 2026-03/);
    expect((await say(core, w, TG.budi, w.chats.A, '/laporan bulanan')).replies[0]).toMatch(/^⚠️ Perintah ini hanya untuk Admin Instansi/);
  });
});

describe('monthly-report job', () => {
  const job = recapJobs.find((j) => j.name === 'monthly-report')!;
  const run = async (slot: Date) => {
    let kicks = 0;
    const result = await job.run({ services: w.ctx, slot, log: silentLogger(), kick: () => kicks++ });
    return { result, kicks };
  };

  it('knows the first working day of a month from the holiday table', async () => {
    const cal = await w.ctx.calendars.get(w.agencyId);
    // 1 Jan 2026 is Tahun Baru (Thursday): the 2nd. 1 Feb is a Sunday: the 2nd. 1 Aug is a Saturday: the 3rd.
    expect(['2026-01-01', '2026-01-02', '2026-02-01', '2026-02-02', '2026-02-03', '2026-08-03'].map((d) => isFirstWorkingDayOfMonth(cal, d))).toEqual([false, true, false, true, false, true]);
    expect(job.cron).toBe(MONTHLY_REPORT_CRON);
  });

  it('fires on Monday 2 Feb 2026 (1 Feb is a Sunday), once, for January: summary to the admin chat, XLSX to the Admin Instansi', async () => {
    const before = await lastId();
    expect((await run(at('02-01 08:00'))).result).toEqual({ summary: '0 messages for 0 agencies' });
    const first = await run(at('02-02 08:00'));
    const q = await queuedSince(before);
    // KEMENPAN and KOSONG have neither an admin chat nor an Admin Instansi.
    expect(q.map((x) => [x.target, x.kind, x.purpose])).toEqual([[w.chats.admin, 'send', 'digest'], [TG.admin.id, 'document', 'dm']]);
    expect(q[0]!.text).toContain('Periode: Januari 2026 (1–31 Jan 2026)');
    expect(q[0]!.text).toContain('📥 Diterima (2): 5');
    expect(q[0]!.text).toContain('XLSX (23 indikator) dikirim ke chat pribadi Admin Instansi');
    expect(q[1]!.document!.filename).toBe('laporan-bulanan-BKN-2026-01.xlsx');
    expect(q[0]!.dedupeKey).toBe(`monthly-report:BKN:2026-01:summary:telegram:${w.chats.admin}:`);
    expect([first.result, first.kicks]).toEqual([{ summary: '2 messages for 1 agencies' }, 1]);

    const again = await run(at('02-02 08:00'));
    expect([again.result, again.kicks]).toEqual([{ summary: '0 messages for 1 agencies' }, 0]);
    expect((await run(at('02-03 08:00'))).result).toEqual({ summary: '0 messages for 0 agencies' });
    expect(await queuedSince(before)).toHaveLength(2);
  });
});
