import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl from the machine's packages) on a
 * loopback port, so a chaos test can restart or crash it without touching the shared server on
 * 5432. Trust authentication on 127.0.0.1 only; nothing kept after `stop()`.
 */
export class PrivatePostgres {
  readonly dataDir: string;
  private readonly binDir: string;

  constructor(readonly port: number) {
    this.binDir = postgresBinDir();
    this.dataDir = `/tmp/thub-private-pg-${port}-${process.pid}`;
  }

  /** The server's URL with a database name, as DATABASE_URL. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): this {
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true });
    this.run(['chown', 'postgres:postgres', this.dataDir], false);
    this.pg('initdb', [
      '-D',
      this.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    this.pgCtl('start');
    return this;
  }

  /** A clean restart (`pg_ctl restart -m fast`): every connection is dropped. */
  restart(): void {
    this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      'restart',
      '-m',
      'fast',
      '-w',
      ...this.logArgs(),
      ...this.options(),
    ]);
  }

  /** A crash (`-m immediate`, no checkpoint: recovery from the WAL) and a start. */
  crashAndStart(): void {
    this.pg('pg_ctl', ['-D', this.dataDir, 'stop', '-m', 'immediate', '-w']);
    this.pgCtl('start');
  }

  stop(): void {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) {
      rmSync(this.dataDir, { recursive: true, force: true });
      return;
    }
    this.pg('pg_ctl', ['-D', this.dataDir, 'stop', '-m', 'immediate', '-w']);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private pgCtl(command: 'start'): void {
    this.pg('pg_ctl', ['-D', this.dataDir, command, '-w', ...this.logArgs(), ...this.options()]);
  }

  private logArgs(): string[] {
    return ['-l', join(this.dataDir, 'server.log')];
  }

  // Loopback only, socket in the data directory, no fsync (test data), enough connections for
  // four services and the test.
  private options(): string[] {
    return [
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dataDir} -c fsync=off -c max_connections=200`,
    ];
  }

  private pg(binary: string, args: string[]): void {
    this.run([join(this.binDir, binary), ...args], process.getuid?.() === 0);
  }

  // initdb and the server refuse to run as root: run them as the postgres user then.
  private run(command: string[], asPostgres: boolean): void {
    const [file, ...args] = asPostgres ? ['runuser', '-u', 'postgres', '--', ...command] : command;
    const result = spawnSync(file as string, args, { encoding: 'utf8', stdio: 'pipe' });
    if (result.status !== 0)
      throw new Error(`${command.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions
    .map((v) => join(root, v, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');
  return found;
}
