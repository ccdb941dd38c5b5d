/**
 * One record of an import file → a validated report row, or the one-line reason it is refused.
 * Pure apart from the unit directory and the date reader it is given.
 */
import type { Category, ReportStatus } from '../domain/types.js';
import type { Column, HeaderMap } from './columns.js';
import type { DateReader } from './dates.js';
import { Bad, parseBoolean, parseCategory, parseChannel, parseGender, parseRating, parseStatus, squash, type Channel } from './values.js';

export interface ImportedReporter {
  name: string | null;
  contact: string | null;
  gender: 'L' | 'P' | null;
  disability: boolean;
  vulnerable: boolean;
}

export interface ImportRow {
  line: number;
  trackingId: string;
  receivedAt: Date;
  title: string;
  body: string;
  category: Category;
  status: ReportStatus;
  unitId: string | null;
  verifiedAt: Date | null;
  disposedAt: Date | null;
  firstResponseAt: Date | null;
  followUpAt: Date | null;
  closedAt: Date | null;
  rating: number | null;
  ratingAccuracy: number | null;
  topic: string | null;
  channel: Channel | null;
  anonymous: boolean;
  confidential: boolean;
  reporterReplied: boolean;
  reporter: ImportedReporter;
}

export interface Rejected {
  line: number;
  trackingId: string | null;
  reason: string;
}

/** Units of the agency by code and by name (exports name the unit; people type codes). */
export class UnitDirectory {
  private readonly byKey = new Map<string, { id: string; code: string }>();

  constructor(readonly agencyCode: string, units: readonly { id: string; code: string; name: string }[]) {
    // Names first, so a code wins if a name happens to squash to another unit's code.
    for (const u of units) this.byKey.set(squash(u.name), { id: u.id, code: u.code });
    for (const u of units) this.byKey.set(squash(u.code), { id: u.id, code: u.code });
  }

  find(value: string): { id: string; code: string } | undefined {
    return this.byKey.get(squash(value));
  }
}

const TRACKING = /^[A-Za-z0-9-]{3,40}$/;
const OPEN_AT_UNIT: readonly ReportStatus[] = ['BELUM_DITINDAKLANJUTI', 'PROSES'];
const TITLE_FROM_BODY = 80;

/** A title for a row that has only a body: its first sentence, at most 80 characters. */
export function titleFromBody(body: string): string {
  const first = body.trim().split(/(?<=[.!?])\s|\n/)[0]?.trim() ?? '';
  return first.length <= TITLE_FROM_BODY ? first : `${first.slice(0, TITLE_FROM_BODY - 1).trimEnd()}…`;
}

export function parseRow(line: number, cells: readonly string[], map: HeaderMap, units: UnitDirectory, dates: DateReader): ImportRow | Rejected {
  const cell = (c: Column): string => {
    const i = map.index[c];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const rawTracking = cell('tracking_id').replace(/^#/, '');
  const reject = (reason: string): Rejected => ({ line, trackingId: rawTracking || null, reason });
  if (rawTracking === '') return reject('tracking_id is empty');
  if (!TRACKING.test(rawTracking)) return reject(`tracking_id "${rawTracking.slice(0, 60)}" must be 3–40 letters, digits or dashes`);

  // Every value is read before any is judged, so the first problem in column order is reported.
  const v = {
    receivedAt: dates.read(cell('received_at'), 'received_at'),
    category: parseCategory(cell('category')),
    status: parseStatus(cell('status')),
    verifiedAt: dates.read(cell('verified_at'), 'verified_at'),
    disposedAt: dates.read(cell('disposed_at'), 'disposed_at'),
    firstResponseAt: dates.read(cell('first_response_at'), 'first_response_at'),
    followUpAt: dates.read(cell('follow_up_at'), 'follow_up_at'),
    closedAt: dates.read(cell('closed_at'), 'closed_at'),
    rating: parseRating(cell('rating'), 'rating'),
    ratingAccuracy: parseRating(cell('rating_accuracy'), 'rating_accuracy'),
    channel: parseChannel(cell('channel')),
    gender: parseGender(cell('reporter_gender')),
    anonymous: parseBoolean(cell('anonymous'), 'anonymous'),
    confidential: parseBoolean(cell('confidential'), 'confidential'),
    disability: parseBoolean(cell('reporter_disability'), 'reporter_disability'),
    vulnerable: parseBoolean(cell('reporter_vulnerable'), 'reporter_vulnerable'),
    reporterReplied: parseBoolean(cell('reporter_replied'), 'reporter_replied'),
  };
  for (const value of Object.values(v)) if (value instanceof Bad) return reject(value.reason);
  const ok = v as { [K in keyof typeof v]: Exclude<(typeof v)[K], Bad> };
  if (ok.receivedAt === null) return reject('received_at is empty');

  // Excel writes CRLF inside cells; stored text uses LF so a re-export in another style is unchanged.
  const body = cell('body').replace(/\r\n?/g, '\n');
  const title = cell('title') || titleFromBody(body);
  if (title === '') return reject('title and body are both empty');

  const unitText = cell('unit');
  let unitId: string | null = null;
  if (unitText !== '') {
    const unit = units.find(unitText);
    if (!unit) return reject(`unit "${unitText.slice(0, 80)}" is not a unit of ${units.agencyCode} (add it with: penghubung unit add)`);
    unitId = unit.id;
  }
  // No status but a unit: the report was routed there and nobody has answered yet.
  const status: ReportStatus = cell('status') === '' && unitId !== null ? 'BELUM_DITINDAKLANJUTI' : ok.status;
  // The state machine's invariants, which the deadline sweep and the buttons rely on.
  if (OPEN_AT_UNIT.includes(status) && unitId === null) return reject(`status ${cell('status')} needs a unit (column unit)`);
  if (status === 'BELUM_TERVERIFIKASI' && unitId !== null) return reject('status Belum Terverifikasi cannot have a unit: a report at a unit is Belum Ditindaklanjuti or later');

  return {
    line,
    trackingId: rawTracking,
    receivedAt: ok.receivedAt,
    title,
    body,
    category: ok.category,
    status,
    unitId,
    verifiedAt: ok.verifiedAt,
    disposedAt: ok.disposedAt,
    firstResponseAt: ok.firstResponseAt,
    followUpAt: ok.followUpAt,
    closedAt: ok.closedAt,
    rating: ok.rating,
    ratingAccuracy: ok.ratingAccuracy,
    topic: cell('topic') || null,
    channel: ok.channel,
    anonymous: ok.anonymous,
    confidential: ok.confidential,
    reporterReplied: ok.reporterReplied,
    reporter: {
      name: cell('reporter_name') || null,
      contact: cell('reporter_contact') || null,
      gender: ok.gender,
      disability: ok.disability,
      vulnerable: ok.vulnerable,
    },
  };
}

export function isRejected(r: ImportRow | Rejected): r is Rejected {
  return 'reason' in r;
}
