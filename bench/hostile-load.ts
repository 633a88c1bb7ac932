// The memory target under hostile input: the generated bad requests of the hostile-input suite
// (test/hostile/), 8 at a time, against one Cairn holding the suite's protected data. The figure is the
// server's peak RSS (VmHWM) during the load, against the same 150 MiB target as the multipart upload;
// the baseline is the same process's RSS when the load starts (what the load adds is the difference).
import type { CaseContext } from '../test/hostile/case.js';
import { hostileFamilies, hostileServerArgs, pickFamily, pool } from '../test/hostile/families.js';
import { Dice } from '../test/hostile/prng.js';
import { judgeOutcome, sendCase } from '../test/hostile/send-case.js';
import { Wire } from '../test/hostile/wire.js';
import { buildWorld } from '../test/hostile/world.js';
import { mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MiB, type BenchOptions, type Benchmark } from './support/bench-options.js';
import { testCredentials } from '../test/support/cairn-process.js';
import { repoRoot } from './support/bench-servers.js';
import { spawnServer } from './support/server-process.js';
import { figure, type Figure } from './support/figure.js';

const CONCURRENCY = 8;

async function rssOf(pid: number): Promise<number> {
  const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}

async function run(o: BenchOptions): Promise<Figure[]> {
  const requests = o.quick ? 1000 : 3000;
  const peaks: number[] = [];
  const starts: number[] = [];
  const failures: number[] = [];
  const families = hostileFamilies();
  for (let r = 0; r < o.runs; r++) {
    const dataDir = await mkdtemp(path.join(o.workDir, 'hostile-'));
    // The suite's generator signs with the test suite's credentials.
    const server = await spawnServer({
      name: 'cairn',
      nodeArgs: o.cairnNodeArgs,
      args: [
        path.join(repoRoot, 'bin', 'cairn.js'),
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--access-log',
        'false',
        ...hostileServerArgs,
      ],
      env: { CAIRN_ROOT_ACCESS_KEY: testCredentials.accessKeyId, CAIRN_ROOT_SECRET_KEY: testCredentials.secretAccessKey },
    });
    try {
      const port = Number(new URL(server.url).port);
      const world = await buildWorld(port, dataDir);
      const start = await rssOf(server.pid);
      const d = new Dice(16 + r);
      let counter = 0;
      const ctx: CaseContext = { d, w: world, wire: new Wire(port), fresh: (prefix) => `${prefix}-${r}-${counter++}` };
      const cases = Array.from({ length: requests }, () => pickFamily(d, families).make(ctx));
      let failed = 0;
      const began = Date.now();
      await pool(cases, CONCURRENCY, async (c) => {
        if (judgeOutcome(c, await sendCase(port, c)) !== undefined) failed++;
      });
      const peak = server.peakRss();
      o.log(
        `hostile run ${r + 1}/${o.runs}: ${requests} requests in ${((Date.now() - began) / 1000).toFixed(1)} s, ${failed} misjudged, RSS ${(start / MiB).toFixed(0)} MiB at the start, peak ${(peak / MiB).toFixed(0)} MiB`,
      );
      peaks.push(peak / MiB);
      starts.push(start / MiB);
      failures.push(failed);
    } finally {
      await server.stop();
    }
  }
  return [
    figure({
      bench: 'hostile',
      metric: `server peak RSS under ${requests} generated bad requests, ${CONCURRENCY} at a time (baseline: its RSS when the load began)`,
      unit: 'MiB',
      samples: peaks,
      baselineSamples: starts,
      check: { kind: 'value-below', max: 150 },
    }),
    figure({
      bench: 'hostile',
      metric: 'answers that were a 5xx, a success for bad input, or not in the dialect’s error format',
      unit: 'requests',
      samples: failures,
      check: { kind: 'value-below', max: 1 },
    }),
  ];
}

export const hostileLoad: Benchmark = {
  name: 'hostile',
  description: 'peak RSS under the hostile-input suite’s generated bad requests (target < 150 MiB)',
  run,
};
