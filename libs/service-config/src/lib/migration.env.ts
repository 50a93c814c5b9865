import { Matches } from 'class-validator';

/** What a migration run needs: only the database. */
export class MigrationEnv {
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;
}
