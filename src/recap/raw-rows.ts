/**
 * Raw report data for exports and the quarterly workbook, read in pages (keyset on receipt time
 * and id) so that any number of reports streams in constant memory. The reporter's identity is
 * never part of a row: name and contact are only used to mask the text, and confidential or
 * anonymous reports carry no body at all.
 */
import { CATEGORY_LABEL, STATUS_LABEL } from '../domain/labels.js';
import type { Category, ReportStatus } from '../domain/types.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { mask, shorten } from '../lib/pii.js';

export interface RawRow {
  nomor: string;
  diterima: string;
  kategori: string;
  topik: string;
  kanal: string;
  unit: string;
  status: string;
  diverifikasi: string;
  didisposisi: string;
  responPertama: string;
  tindakLanjut: string;
  selesai: string;
  batas: string;
  rating: string;
  judul: string;
  isi: string;
}

/** Column keys and Indonesian headers, in order. */
export const RAW_COLUMNS: readonly { key: keyof RawRow; header: string; width: number }[] = [
  { key: 'nomor', header: 'Nomor laporan', width: 16 },
  { key: 'diterima', header: 'Diterima', width: 17 },
  { key: 'kategori', header: 'Kategori', width: 24 },
  { key: 'topik', header: 'Topik', width: 22 },
  { key: 'kanal', header: 'Kanal', width: 10 },
  { key: 'unit', header: 'Unit', width: 18 },
  { key: 'status', header: 'Status', width: 20 },
  { key: 'diverifikasi', header: 'Diverifikasi', width: 17 },
  { key: 'didisposisi', header: 'Didisposisi', width: 17 },
  { key: 'responPertama', header: 'Respon pertama', width: 17 },
  { key: 'tindakLanjut', header: 'Tindak lanjut terakhir', width: 17 },
  { key: 'selesai', header: 'Selesai', width: 17 },
  { key: 'batas', header: 'Batas waktu', width: 12 },
  { key: 'rating', header: 'Penilaian', width: 10 },
  { key: 'judul', header: 'Judul (disamarkan)', width: 40 },
  { key: 'isi', header: 'Isi (disamarkan)', width: 80 },
];

export interface RawQuery {
  agencyId?: string | null;
  start: Date;
  end: Date;
  timeZone: string;
  /** Rows per database round trip. */
  pageSize?: number;
}

const HIDDEN = '(rahasia/anonim: tidak ditampilkan)';
const BODY_MAX = 30_000; // below a spreadsheet cell's 32,767 characters

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-02 09:12" in the office timezone. */
export function localStamp(at: Date | null, timeZone: string): string {
  if (!at) return '';
  let f = stampFormats.get(timeZone);
  if (!f) {
    // sv-SE prints ISO-like "2026-03-02 09:12".
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    stampFormats.set(timeZone, f);
  }
  return f.format(at).replace(',', '');
}

export async function* rawRows(db: PrismaClient, q: RawQuery): AsyncGenerator<RawRow> {
  const take = q.pageSize ?? 1000;
  let after: { receivedAt: Date; id: string } | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof fetchPage>> = await fetchPage(db, q, after, take);
    for (const r of page) yield toRaw(r, q.timeZone);
    if (page.length < take) return;
    const last = page[page.length - 1]!;
    after = { receivedAt: last.receivedAt, id: last.id };
  }
}

function fetchPage(db: PrismaClient, q: RawQuery, after: { receivedAt: Date; id: string } | null, take: number) {
  return db.report.findMany({
    where: {
      ...(q.agencyId ? { agencyId: q.agencyId } : {}),
      receivedAt: { gte: q.start, lt: q.end },
      ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
    take,
    select: {
      id: true, trackingId: true, receivedAt: true, category: true, topic: true, channel: true, status: true,
      verifiedAt: true, disposedAt: true, firstResponseAt: true, followUpAt: true, closedAt: true, dueDate: true,
      rating: true, title: true, body: true, confidential: true, anonymous: true,
      unit: { select: { code: true } },
      reporter: { select: { name: true } },
    },
  });
}

type PageRow = Awaited<ReturnType<typeof fetchPage>>[number];

function toRaw(r: PageRow, tz: string): RawRow {
  const knownNames = r.reporter?.name ? [r.reporter.name] : [];
  return {
    nomor: r.trackingId,
    diterima: localStamp(r.receivedAt, tz),
    kategori: CATEGORY_LABEL[r.category as Category] ?? r.category,
    topik: r.topic ? mask(r.topic, { knownNames }) : '',
    kanal: r.channel ?? '',
    unit: r.unit?.code ?? '',
    status: STATUS_LABEL[r.status as ReportStatus] ?? r.status,
    diverifikasi: localStamp(r.verifiedAt, tz),
    didisposisi: localStamp(r.disposedAt, tz),
    responPertama: localStamp(r.firstResponseAt, tz),
    tindakLanjut: localStamp(r.followUpAt, tz),
    selesai: localStamp(r.closedAt, tz),
    batas: r.dueDate ? r.dueDate.toISOString().slice(0, 10) : '',
    rating: r.rating === null ? '' : r.rating.toFixed(2),
    judul: mask(r.title, { knownNames }),
    isi: r.confidential || r.anonymous ? HIDDEN : shorten(mask(r.body, { knownNames }), BODY_MAX),
  };
}
