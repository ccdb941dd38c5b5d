/**
 * Write the next migration from schema.prisma, offline.
 *   npm run db:diff                 # print the SQL (empty = schema and migrations agree)
 *   npm run db:diff -- add_outbox   # write prisma/migrations/<timestamp>_add_outbox/migration.sql
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { diffSchemaAgainstMigrations } from '../src/db/schema-diff.js';

const name = process.argv[2];
const sql = await diffSchemaAgainstMigrations();
if (!sql) {
  console.error('schema.prisma and prisma/migrations agree: nothing to write.');
} else if (!name) {
  process.stdout.write(sql);
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = `prisma/migrations/${stamp}_${name.replace(/\W+/g, '_')}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/migration.sql`, sql);
  console.error(`wrote ${dir}/migration.sql`);
}
process.exit(0);
