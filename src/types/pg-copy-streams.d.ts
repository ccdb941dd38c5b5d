// Minimal types for pg-copy-streams (COPY … FROM STDIN as a Writable), used by the data generator.
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Connection } from 'pg';

  export interface CopyStreamQuery extends Writable {
    submit(connection: Connection): void;
    /** Rows the server reported once the stream finished. */
    rowCount: number;
  }

  export function from(text: string): CopyStreamQuery;
}
