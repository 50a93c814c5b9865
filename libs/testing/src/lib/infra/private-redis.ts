import { spawn, type ChildProcess } from 'node:child_process';

import { Redis } from 'ioredis';

import { expectEventually } from '../expect-eventually';

/**
 * A Redis server of the test's own on a loopback port, keeping nothing on disk, so a test can
 * FLUSHALL it (or kill it) without touching anyone else's data.
 */
export class PrivateRedis {
  private process: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      {
        stdio: 'ignore',
      },
    );
    await expectEventually(async () => {
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await client.connect();
        expect(await client.ping()).toBe('PONG');
      } finally {
        client.disconnect();
      }
    });
    return this;
  }

  async flushAll(): Promise<void> {
    const client = new Redis(this.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  async keyCount(pattern: string): Promise<number> {
    const client = new Redis(this.url);
    try {
      return (await client.keys(pattern)).length;
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process?.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}
