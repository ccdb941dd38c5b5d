/** What every use case gets: the database, the clock, the calendar source and a logger. */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { CalendarSource } from './calendar-source.js';

export interface ServiceContext {
  db: PrismaClient;
  clock: Clock;
  calendars: CalendarSource;
  log: Logger;
}

/** Where an action came from, recorded with every event. */
export type Source = 'telegram' | 'whatsapp' | 'console' | 'api' | 'import' | 'system' | 'cli';

/** Someone acting: a registered person, or the system itself (import, API, scheduler, CLI). */
export interface ActorRef {
  personId: string | null;
  label: string;
  source: Source;
  /** Approved roles of a person; absent for the system, which is trusted (CLI, import, API, jobs). */
  roles?: readonly Grant[];
}

export interface Grant {
  role: 'admin_instansi' | 'penghubung' | 'operator' | 'inspektorat';
  agencyId: string;
  unitId: string | null;
}

export const systemActor = (source: Source, label = 'Sistem'): ActorRef => ({ personId: null, label, source });
