/**
 * AI tests' extras on top of buildWorld: a routing history from the evaluation set (the world's
 * unit A is recruitment, unit B pensions), a capturing logger, and the fake model wired to a
 * context.
 */
import { pino } from 'pino';
import type { Logger } from '../../src/lib/logger.js';
import { systemActor } from '../../src/services/context.js';
import { createReport } from '../../src/services/reports/create-report.js';
import { disposeReport } from '../../src/services/reports/admin-actions.js';
import { followUpReport } from '../../src/services/reports/unit-actions.js';
import { useAi } from '../../src/ai/runtime.js';
import { aiSettings, type AiSettings } from '../../src/ai/settings.js';
import { EVAL_REPORTS } from '../fixtures/ai-eval.js';
import type { FakeOpenAI } from '../fakes/fake-openai.js';
import type { World } from './world.js';

/** Personal data of the reporters used in AI tests: none of it may ever reach the model. */
export const SECRETS = {
  names: ['Rina Kartika', 'Rizky Pratama', 'Maya Sari', 'Joko Susilo', 'Sutrisno Wibowo', 'Larasati Dewanti'],
  numbers: ['3273041298010003', '3273 0412 9801 0003', '0812-3456-7890', '081234567890', '0857-1122-3344', '085711223344', '3174051203900001'],
  emails: ['maya.sari77@example.com', 'laras.dewanti@contoh.id'],
};

/** Every secret (and each name's words) that a request body contains. */
export function leakedSecrets(body: string): string[] {
  const lower = body.toLowerCase();
  const words = SECRETS.names.flatMap((n) => [n, ...n.split(' ')]);
  const digits = body.replace(/\D+/g, ' ');
  return [
    ...words.filter((w) => new RegExp(`\\b${w.toLowerCase()}\\b`).test(lower)),
    ...SECRETS.numbers.filter((n) => body.includes(n) || digits.includes(n.replace(/\D+/g, ''))),
    ...SECRETS.emails.filter((e) => lower.includes(e)),
  ];
}

/**
 * Route the evaluation set's recruitment reports to unit A and its pension reports to unit B
 * (through the real services), optionally answering each with a tindak lanjut.
 */
export async function seedHistory(w: World, opts: { answers?: boolean; prefix?: string } = {}): Promise<string[]> {
  const sys = systemActor('import');
  const ids: string[] = [];
  const history = EVAL_REPORTS.filter((r) => r.unit === 'BKC-PENGADAAN' || r.unit === 'BKC-PENSIUN');
  let n = 0;
  for (const r of history) {
    const tracking = `${opts.prefix ?? 'H'}${String(++n).padStart(4, '0')}`;
    const report = await createReport(w.ctx, sys, {
      agencyId: w.agencyId, trackingId: tracking, title: r.title, body: r.body, category: r.category, topic: r.topic,
      reporter: r.reporter ? { name: r.reporter } : undefined,
    });
    const unit = r.unit === 'BKC-PENGADAAN' ? w.units.A.code : w.units.B.code;
    await disposeReport(w.ctx, w.people.admin, { reportId: report.id }, unit);
    if (opts.answers) {
      const officer = r.unit === 'BKC-PENGADAAN' ? w.people.budi : w.people.dedi;
      await followUpReport(w.ctx, officer, { reportId: report.id }, answerFor(r.unit, r.title), true);
    }
    ids.push(report.id);
  }
  return ids;
}

function answerFor(unit: string, title: string): string {
  return unit === 'BKC-PENGADAAN'
    ? `Terkait "${title}": informasi seleksi CPNS dan PPPK, jadwal, pengumuman hasil dan masa sanggah diumumkan di laman resmi SSCASN dan akun peserta. Silakan periksa akun Anda secara berkala.`
    : `Terkait "${title}": usul pensiun dan pembayaran Taspen diproses setelah SK pensiun terbit; berkas lengkap diproses paling lambat 30 hari. Silakan hubungi kantor cabang Taspen dengan membawa SK pensiun.`;
}

/** A logger whose lines tests can read. */
export function captureLogger(): { log: Logger; lines: () => { level: number; msg: string; [k: string]: unknown }[] } {
  const raw: string[] = [];
  const log: Logger = pino({ level: 'debug' }, { write: (s: string) => void raw.push(s) }) as unknown as Logger;
  return { log, lines: () => raw.map((l) => JSON.parse(l) as { level: number; msg: string }) };
}

/** Point the world's context at the fake model. */
export function useFake(w: World, fake: FakeOpenAI, extra: Partial<AiSettings> = {}): void {
  useAi(w.ctx, aiSettings({ apiKey: 'sk-test-not-a-real-key', baseUrl: fake.url, model: 'fake-model', ...extra }));
}
