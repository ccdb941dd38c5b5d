import type { Category, ReportStatus, Role } from './types.js';

/** How LAPOR! names each status, for every text a person reads. */
export const STATUS_LABEL: Record<ReportStatus, string> = {
  BELUM_TERVERIFIKASI: 'Belum Terverifikasi',
  BELUM_DITINDAKLANJUTI: 'Belum Ditindaklanjuti',
  PROSES: 'Proses',
  SELESAI: 'Selesai',
  TUNDA: 'Tunda',
  ARSIP: 'Arsip',
};

export const CATEGORY_LABEL: Record<Category, string> = {
  informasi: 'Permintaan informasi',
  normatif: 'Pengaduan normatif',
  'tanpa-pengawasan': 'Pengaduan tidak berkadar pengawasan',
  'berkadar-pengawasan': 'Pengaduan berkadar pengawasan',
};

export const ROLE_LABEL: Record<Role, string> = {
  admin_instansi: 'Admin Instansi',
  penghubung: 'Pejabat Penghubung',
  operator: 'Operator Live Chat',
  inspektorat: 'Inspektorat',
};
