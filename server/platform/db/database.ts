import pg from 'pg';

// bigint (int8) columns come back as JS numbers: ids and counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** A pool, or one client inside a transaction: module code runs the same on either. */
export type Queryable = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  // A { name, text } query is prepared once per connection and then only executed (for hot statements).
  query: <R extends pg.QueryResultRow = any>(text: string | { name: string; text: string }, values?: unknown[]) => Promise<pg.QueryResult<R>>;
};

export type Database = {
  pool: pg.Pool;
  query: Queryable['query'];
  /** Runs work in one transaction; the transaction rolls back if work throws. */
  transaction: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

export function openDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 20,
    connectionTimeoutMillis: 10_000,
    // A query that hangs longer than this is a fault; the request fails instead of piling up.
    statement_timeout: 30_000,
    application_name: 'jingmin',
  });
  // Without a listener an idle client's error (e.g. the server restarted) would crash the process.
  pool.on('error', () => {});

  async function transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client as Queryable);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    pool,
    query: (text, values) => pool.query(text as string, values as unknown[]),
    transaction,
    close: () => pool.end(),
  };
}
