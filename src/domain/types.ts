/**
 * Shared vocabulary of the domain. Values are stable identifiers stored in the database;
 * Indonesian labels for people live in `labels.ts`.
 */

/** LAPOR! statuses (DOMAIN.md "A report's life"). */
export const REPORT_STATUSES = [
  'BELUM_TERVERIFIKASI',
  'BELUM_DITINDAKLANJUTI',
  'PROSES',
  'SELESAI',
  'TUNDA',
  'ARSIP',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** SLA categories: permintaan informasi, pengaduan normatif, tanpa / berkadar pengawasan. */
export const CATEGORIES = ['informasi', 'normatif', 'tanpa-pengawasan', 'berkadar-pengawasan'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Roles a person can hold in a unit. `admin_instansi` held on the agency's root unit covers all units. */
export const ROLES = ['admin_instansi', 'penghubung', 'operator', 'inspektorat'] as const;
export type Role = (typeof ROLES)[number];

export const PLATFORMS = ['telegram', 'whatsapp', 'console'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A calendar date in the office timezone, `YYYY-MM-DD`. */
export type LocalDate = string;
