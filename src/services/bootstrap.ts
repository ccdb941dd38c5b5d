/** Open the database, apply pending migrations and build the ServiceContext (CLI and main share it). */
import type { Config } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db/database.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { createCalendarSource } from './calendar-source.js';
import type { ServiceContext } from './context.js';
import { configureInfoRequests } from '../info/settings.js';

export interface Opened {
  db: Database;
  ctx: ServiceContext;
}

export async function openServices(config: Config, log: Logger, opts: { clock?: Clock; migrate?: boolean } = {}): Promise<Opened> {
  const db = await openDatabase(config.database, log);
  try {
    if (opts.migrate !== false) await migrateDatabase(db, log);
    configureInfoRequests({ firstResponseHours: config.info.firstResponseHours });
    const ctx: ServiceContext = {
      db: db.prisma,
      clock: opts.clock ?? systemClock,
      calendars: createCalendarSource(db.prisma, config.calendar, log),
      log,
    };
    return { db, ctx };
  } catch (e) {
    await db.close();
    throw e;
  }
}
