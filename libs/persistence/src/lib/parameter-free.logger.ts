import type { Logger as TypeOrmLogger } from 'typeorm';

import { redactCredentials } from '@throughcare/observability';

/** Statements this process sent to PostgreSQL through TypeORM (TypeORM reports each one here). */
export const databaseQueries = { count: 0 };

/**
 * TypeORM's own loggers print a failed query with its parameters, which here are health and
 * justice data (a risk override's reason, a prisonNumber). This one keeps the query text, which
 * is parameterised, and the error message, never the parameters.
 */
export class ParameterFreeLogger implements TypeOrmLogger {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    // Straight to stderr, past pino: scrubbed of credential-shaped values here (LOG-2).
    this.write(
      redactCredentials(
        `${JSON.stringify({ level: 50, context: 'TypeORM', msg: `query failed: ${message}`, query: query.slice(0, 500) })}\n`,
      ),
    );
  }

  // Successful queries, slow queries, schema builds and migrations are not logged here: the
  // migration runner reports what it applied by name. Queries are counted (round trips per
  // message, on /metrics as throughcare_db_queries_total).
  logQuery(): void {
    databaseQueries.count += 1;
  }
  logQuerySlow(): void {
    return;
  }
  logSchemaBuild(): void {
    return;
  }
  logMigration(): void {
    return;
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn')
      this.write(`${JSON.stringify({ level: 40, context: 'TypeORM', msg: String(message) })}\n`);
  }
}
