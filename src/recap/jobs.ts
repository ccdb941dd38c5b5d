import type { JobDefinition } from '../scheduler/job.js';
import { enqueueWeeklyRecaps } from './weekly-recap.js';

/** Weekly recap and periodic reports. */
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
];
