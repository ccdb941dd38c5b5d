import type { JobDefinition } from '../scheduler/job.js';
import { enqueueMonthlyReports, MONTHLY_REPORT_CRON } from './monthly-job.js';
import { enqueueWeeklyRecaps } from './weekly-recap.js';

/** Weekly recap and the monthly SP4N report. */
export const recapJobs: JobDefinition[] = [
  {
    name: 'weekly-recap',
    cron: '0 8 * * 1',
    description: 'Rekap mingguan (minggu lalu vs minggu sebelumnya) dengan grafik ke chat admin dan chat unit',
    async run({ services, slot, kick }) {
      const r = await enqueueWeeklyRecaps(services, slot);
      if (r.queued > 0) kick();
      return { summary: `${r.queued} messages to ${r.chats} chats of ${r.agencies} agencies` };
    },
  },
  {
    name: 'monthly-report',
    cron: MONTHLY_REPORT_CRON,
    description: 'Laporan bulanan SP4N (23 indikator) bulan lalu pada hari kerja pertama tiap bulan: ringkasan ke chat admin, XLSX ke chat pribadi Admin Instansi',
    async run({ services, slot, kick }) {
      const r = await enqueueMonthlyReports(services, slot);
      if (r.queued > 0) kick();
      return { summary: `${r.queued} messages for ${r.agencies} agencies` };
    },
  },
];
