import { spawn, spawnSync } from 'node:child_process';

import { sampleProcess, sampleProcessTree } from './process-stats';

/**
 * The bench's PostgreSQL column counts a server that forks a process per connection as one:
 * here a shell with two children that each use 300 ms of CPU, the first ended (reaped by the
 * shell), the second still alive. The shell alone uses almost none; the tree holds both.
 */
const burnThen = (after: string) =>
  `${process.execPath} -e "while (process.cpuUsage().user < 300000) {} console.log('burnt'); ${after}"`;

describe('sampleProcessTree', () => {
  it('counts the CPU of an ended and a live child with the root', async () => {
    const ended = burnThen('');
    const live = burnThen('setTimeout(() => undefined, 30000)');
    const root = spawn('sh', ['-c', `${ended}; ${live} & sleep 30`], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      await new Promise<void>((resolve) => {
        let burnt = 0;
        root.stdout.on('data', (chunk: Buffer) => {
          burnt += chunk.toString().split('burnt').length - 1;
          if (burnt === 2) resolve();
        });
      });
      const tree = sampleProcessTree(root.pid as number);
      const alone = sampleProcess(root.pid as number);
      expect(alone!.cpuSeconds).toBeLessThan(0.1);
      expect(tree!.cpuSeconds).toBeGreaterThanOrEqual(0.6);
      expect(tree!.rssMiB).toBeGreaterThan(alone!.rssMiB);
    } finally {
      // The children first, while they are still the shell's (once it is gone they are init's).
      spawnSync('pkill', ['-KILL', '-P', String(root.pid)]);
      root.kill('SIGKILL');
      root.stdout.destroy();
    }
  }, 60_000);

  it('answers nothing for a process that has gone', () => {
    expect(sampleProcessTree(2 ** 22 + 1)).toBeUndefined();
  });
});
