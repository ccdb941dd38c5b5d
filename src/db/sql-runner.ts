/** The smallest SQL surface migrations and locks need, over node-postgres or PGlite. */
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

export interface SqlRunner {
  /** One parameterised statement. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A multi-statement script, no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A runner on one dedicated PostgreSQL connection (session-level advisory locks need one session). */
export async function pgRunner(url: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async query(sql, params) {
      return (await client.query(sql, params)).rows;
    },
    async exec(sql) {
      await client.query(sql); // simple-query protocol: a multi-statement script is fine
    },
    close: () => client.end(),
  };
}

/** A runner over an open PGlite instance (not closed by this runner). */
export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async query(sql, params) {
      return (await db.query(sql, params)).rows as never[];
    },
    async exec(sql) {
      await db.exec(sql);
    },
    close: async () => {},
  };
}
