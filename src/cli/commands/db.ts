/** `penghubung migrate` and `penghubung demo seed`. */
import { migrateDatabase, openDatabase } from '../../db/database.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { seedInfoDemo } from '../../demo/info-demo.js';
import type { CliCommand } from '../types.js';

export const migrateCommand: CliCommand = {
  path: ['migrate'],
  summary: 'Apply pending database migrations',
  usage: 'penghubung migrate',
  options: {},
  async run(env) {
    const db = await openDatabase(env.config.database, env.log);
    try {
      const r = await migrateDatabase(db, env.log);
      env.io.out(r.applied.length ? `applied ${r.applied.length} migration(s): ${r.applied.join(', ')}` : `database is up to date (${r.alreadyApplied.length} migration(s)) at ${db.where}`);
    } finally {
      await db.close();
    }
  },
};

export const demoSeedCommand: CliCommand = {
  path: ['demo', 'seed'],
  summary: 'Create the demo agency with units, officers and ~30 reports (once)',
  usage: 'penghubung demo seed',
  options: {},
  async run(env) {
    const ctx = await env.services();
    const r = await seedDemo(ctx);
    await seedInfoDemo(ctx);
    env.io.out(r.seeded ? `demo agency DEMO seeded with ${r.reports} reports` : 'demo agency DEMO already exists; nothing done');
  },
};
