/**
 * The overdue lists of units, shared by the deadline sweep (each unit's daily overdue digest) and
 * the overdue escalation (the admin's digest per agency): per unit, its number of open reports
 * past their due date and the `limit` longest late of them (by deadline, then tracking id), with
 * what a digest line needs. One statement for any number of units, reading only the listed
 * reports from the table (a unit may have hundreds late):
 * - the count is an index-only scan of report(unit_id, status, due_at);
 * - the list is, per open status, an ordered scan of that index that stops after `limit` rows,
 *   the two merged;
 * - claimants are looked up by primary key (a join would hash the whole person table per unit),
 *   and the stored title mask is used when its fingerprint still matches (masked-titles.ts).
 */
import type { LocalDate } from '../../domain/types.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../services/report-row.js';
import { storedMaskSql } from './masked-titles.js';

/** What a digest line of a report needs beyond its ids: the claimant and the (masked) title. */
export interface DigestLineColumns {
  id: string;
  tracking_id: string;
  due_date: Date | string | null;
  claimant_name: string | null;
  claimant_username: string | null;
  claimant_whatsapp: string | null;
  /** The stored masked title when still valid; otherwise null and the next two are set. */
  title_masked: string | null;
  title: string | null;
  reporter_name: string | null;
}

/** One listed late report, with its unit's number of late reports. */
export interface LateListRow extends DigestLineColumns {
  agency_id: string;
  agency_name: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  total: number;
}

export interface LateListOptions {
  /** Reports due before this instant are late (the office-local start of today). */
  before: Date;
  /** Reports listed per unit. */
  limit: number;
  /** The units to list; every unit when absent. */
  unitIds?: string[];
  /** Leave out units whose overdue digest for this day (or a later one) is already sent. */
  undigestedOn?: LocalDate;
}

const OPEN = Prisma.sql`('BELUM_DITINDAKLANJUTI', 'PROSES')`;

/** Rows ordered by agency, unit code, then the list's order; units without late reports are absent. */
export function selectLateLists(db: Pick<Tx, '$queryRaw'>, opts: LateListOptions): Promise<LateListRow[]> {
  const { before, limit } = opts;
  const units = opts.unitIds
    ? Prisma.sql`unnest(${`{${opts.unitIds.join(',')}}`}::uuid[]) AS u(id) JOIN unit un ON un.id = u.id`
    : Prisma.sql`(SELECT id FROM unit) AS u(id) JOIN unit un ON un.id = u.id`;
  const undigested = opts.undigestedOn === undefined
    ? Prisma.empty
    : Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM unit_reminder ur WHERE ur.unit_id = u.id AND ur.overdue_nudged_on >= ${opts.undigestedOn}::date)`;
  const firstLate = (status: string): Prisma.Sql => Prisma.sql`(
      SELECT r.id, r.tracking_id, r.due_date, r.due_at, r.claimed_by_id, r.title, r.title_masked, r.title_masked_from FROM report r
      WHERE r.unit_id = u.id AND r.status = ${status}::report_status AND r.due_at < ${before}::timestamptz
      ORDER BY r.due_at, r.tracking_id LIMIT ${limit}::int)`;
  const mask = storedMaskSql('l', 'rp');
  return db.$queryRaw<LateListRow[]>`
    SELECT un.agency_id::text AS agency_id, a.name AS agency_name, un.id::text AS unit_id, un.code AS unit_code, un.name AS unit_name,
           c.total, l.id::text AS id, l.tracking_id, l.due_date,
           (SELECT p.name FROM person p WHERE p.id = l.claimed_by_id) AS claimant_name,
           (SELECT p.telegram_username FROM person p WHERE p.id = l.claimed_by_id) AS claimant_username,
           (SELECT p.whatsapp FROM person p WHERE p.id = l.claimed_by_id) AS claimant_whatsapp,
           m.masked AS title_masked,
           CASE WHEN m.masked IS NULL THEN l.title END AS title,
           CASE WHEN m.masked IS NULL THEN rp.name END AS reporter_name
    FROM ${units}
    JOIN agency a ON a.id = un.agency_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total FROM report r
      WHERE r.unit_id = u.id AND r.status IN ${OPEN} AND r.due_at < ${before}::timestamptz
    ) c
    CROSS JOIN LATERAL (
      SELECT * FROM (${firstLate('BELUM_DITINDAKLANJUTI')} UNION ALL ${firstLate('PROSES')}) x
      ORDER BY x.due_at, x.tracking_id LIMIT ${limit}::int
    ) l
    LEFT JOIN reporter rp ON rp.report_id = l.id
    CROSS JOIN LATERAL (SELECT ${mask} AS masked) m
    ${undigested}
    ORDER BY un.agency_id, un.code, un.id, l.due_at, l.tracking_id`;
}
