import type { JobDefinition } from '../scheduler/job.js';
import { runInfoNudges } from './nudges.js';

/** Reminders for unanswered information requests: PIC → unit chat → admin, on working hours. */
export const infoNudgesJob: JobDefinition = {
  name: 'info-nudges',
  cron: '*/15 * * * *',
  description: 'Remind PICs, unit chats and the admin of unanswered information requests (IR-…)',
  async run({ services, slot, kick }) {
    const r = await runInfoNudges(services, slot);
    if (r.messages > 0) kick();
    return { summary: `${r.messages} reminders for ${r.requests} requests${r.deferred ? `, ${r.deferred} moved to office hours` : ''}` };
  },
};

/** Information-request nudges. */
export const infoJobs: JobDefinition[] = [infoNudgesJob];
