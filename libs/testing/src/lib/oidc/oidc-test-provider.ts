import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The claims of one test account at the provider: `{ accountId: claims }`. */
export type OidcTestAccounts = Record<string, Record<string, unknown>>;

export interface OidcTestClient {
  client_id: string;
  client_secret: string;
  redirect_uri: string;
}

/**
 * A real OpenID Connect provider (oidc-provider, oidc-test-provider.mjs) as a process of its own
 * on 127.0.0.1, for the console's sign-in tests: the HTTP integration test and the browser tests
 * start the same one. A person signs in at its page by their account id; `setAccounts` changes
 * the claims the next sign-in gets.
 */
export class OidcTestProvider {
  readonly issuer: string;
  private readonly accountsFile = join(mkdtempSync(join(tmpdir(), 'oidc-test-')), 'accounts.json');
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    readonly client: OidcTestClient,
    accounts: OidcTestAccounts,
  ) {
    this.issuer = `http://127.0.0.1:${port}`;
    this.setAccounts(accounts);
  }

  /** The provider reads this file again at each sign-in. */
  setAccounts(accounts: OidcTestAccounts): void {
    writeFileSync(this.accountsFile, JSON.stringify(accounts));
  }

  /** Starts the provider and resolves once it listens (it prints "ready <issuer>"). */
  async start(): Promise<this> {
    const child = spawn(process.execPath, [join(__dirname, 'oidc-test-provider.mjs')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        OIDC_TEST_PORT: String(this.port),
        OIDC_TEST_ACCOUNTS_FILE: this.accountsFile,
        OIDC_TEST_CLIENT: JSON.stringify(this.client),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready ')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`OIDC test provider exited ${code}: ${stderr}`)));
    });
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
