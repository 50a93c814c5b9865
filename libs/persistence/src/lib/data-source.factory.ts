import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';

import { ParameterFreeLogger } from './parameter-free.logger';
import { grantRuntimeRole, type RuntimeRoleGrant } from './runtime-role-grants';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceSettings {
  url: string;
  /** The service's own PostgreSQL schema. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  applicationName: string;
  poolSize?: number;
}

/** One schema per service; migrations only, never `synchronize`. */
export function createDataSourceOptions(settings: ServiceDataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: `${settings.schema}_migrations`,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: settings.applicationName,
    extra: { max: settings.poolSize ?? 10 },
    logging: ['error', 'warn'],
    logger: new ParameterFreeLogger(),
  };
}

/**
 * Creates the schema if needed, runs pending migrations, each in its own transaction, then
 * (given a runtime role) grants that role what the service needs of its schema and no more.
 */
export async function runMigrations(
  options: DataSourceOptions & { schema?: string; migrationsTableName?: string },
  runtime?: RuntimeRoleGrant,
): Promise<string[]> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    if (options.schema) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (runtime) {
      if (!options.schema || !options.migrationsTableName)
        throw new Error('a runtime role is granted a schema: the options name none');
      await grantRuntimeRole(dataSource, options.schema, options.migrationsTableName, runtime);
    }
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
