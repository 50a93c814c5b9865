import { Pool } from 'pg';

/** Direct reads of the run's database, for assertions about what was (not) written. */
export class TestDatabase {
  private readonly pool: Pool;

  constructor(url = process.env['DATABASE_URL']) {
    this.pool = new Pool({ connectionString: url, max: 2 });
  }

  async rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.rows<{ count: string }>(sql, params);
    return Number(row?.count ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
