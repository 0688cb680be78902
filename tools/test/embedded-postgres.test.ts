import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const START = path.join(__dirname, 'fixtures', 'embedded-postgres-start.mjs');

/** A port another process holds, as one may between picking a free port and PostgreSQL binding it. */
async function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as net.AddressInfo;
  return { port, release: () => new Promise<void>((resolve) => holder.close(() => resolve())) };
}

async function startBeside(taken: number, mode: 'pick' | 'fixed'): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-embedded-test-'));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [START, dataDir, String(taken), mode]);
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('the embedded PostgreSQL', () => {
  test('on port 0, tries another free port when the one picked is taken before PostgreSQL binds it', async () => {
    const held = await holdPort();
    try {
      const outcome = await startBeside(held.port, 'pick');
      expect(outcome.error).toBeUndefined();
      expect(outcome.picked).toHaveLength(2);
      expect((outcome.picked as number[])[0]).toBe(held.port);
      expect(outcome.port).toBe((outcome.picked as number[])[1]);
      expect(outcome.rows).toEqual([{ one: 1 }]);
    } finally {
      await held.release();
    }
  }, 120_000);

  test('on a port asked for by number, taken, says so and tries no other', async () => {
    const held = await holdPort();
    try {
      expect(await startBeside(held.port, 'fixed')).toEqual({
        picked: [],
        error: `embedded PostgreSQL: port ${held.port} is taken`,
      });
    } finally {
      await held.release();
    }
  }, 120_000);
});
