import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { rawHttp } from '../support/raw-http.js';
import type { CaseContext } from './case.js';
import { hostileFamilies, hostileServerArgs, pickFamily, pool } from './families.js';
import { ServerMonitor, type Health } from './monitor.js';
import { Dice } from './prng.js';
import { raceUploads } from './races.js';
import { judgeOutcome, sendCase } from './send-case.js';
import { assertSameSnapshot, blobFiles, takeBucketSnapshot, takeSnapshot, tmpFiles, type Snapshot } from './snapshot.js';
import { pathOf, Wire } from './wire.js';
import { buildWorld, type World } from './world.js';

/**
 * The hostile-input suite: a seeded generator of bad requests across S3, OSS (V1 and V4), Glacier and
 * the admin API, sent in batches against one server holding protected data. After every batch: no 5xx,
 * no crash, every refusal in the dialect's error format, and the metadata (every row of every table)
 * and the data directory (every file's bytes) exactly as before. Then racing part/complete/abort calls
 * on scratch uploads. All the while the server's memory and event loop are watched.
 *
 * CAIRN_HOSTILE_SEED (default 16), CAIRN_HOSTILE_REQUESTS (default 3000) and CAIRN_HOSTILE_SECONDS (default
 * 120: no new batch starts after that) replay or widen a run; a failure message names the seed.
 */
const SEED = Number(process.env.CAIRN_HOSTILE_SEED ?? 16);
const REQUESTS = Number(process.env.CAIRN_HOSTILE_REQUESTS ?? 3000);
const SECONDS = Number(process.env.CAIRN_HOSTILE_SECONDS ?? 120);
const BATCH = 150;
const CONCURRENCY = 8;
const RACE_BATCHES = 4;
const RACE_UPLOADS = 12;
const MiB = 1024 * 1024;
/**
 * A bound that unbounded buffering would break (eight 8 MiB documents held at once, parsed, pass it), not
 * the 150 MiB target: memory targets are measured by the benchmark (`npm run bench -- --only hostile`,
 * bench/README.md), since one run's peak on a shared machine varies by 20 MiB with the collector's timing.
 */
const RSS_BOUND = 200 * MiB;

/** CAIRN_HOSTILE_FAMILIES=s3/aws-chunked,transport narrows a run to the families whose names start so. */
const families = hostileFamilies((process.env.CAIRN_HOSTILE_FAMILIES ?? '').split(',').filter((f) => f !== ''));

interface Tally {
  requests: number;
  byDialect: Record<string, number>;
  byFamily: Record<string, number>;
  byStatus: Record<string, number>;
  hungUp: number;
  batches: number;
}

describe(`hostile input (seed ${SEED})`, () => {
  let server: CairnProcess;
  let wire: Wire;
  let world: World;
  let initial: Snapshot;
  let monitor: ServerMonitor;
  let health: Health | undefined;
  const tally: Tally = { requests: 0, byDialect: {}, byFamily: {}, byStatus: {}, hungUp: 0, batches: 0 };
  const started = Date.now();

  before(async () => {
    server = await startCairnProcess({ args: hostileServerArgs });
    wire = new Wire(server.port);
    world = await buildWorld(server.port, server.dataDir);
    initial = await settledSnapshot(server);
    monitor = new ServerMonitor(server.child.pid!, server.port);
  });
  after(async () => {
    health ??= await monitor?.stop();
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    console.log(
      `hostile summary: ${JSON.stringify({ seed: SEED, seconds, ...tally, health: health === undefined ? undefined : { ...health, startRssMiB: mib(health.startRssBytes), peakRssMiB: mib(health.peakRssBytes), highWaterMiB: mib(health.highWaterBytes) } })}`,
    );
    await server?.dispose();
  });

  it('refuses every generated bad request in the dialect’s own words, and changes nothing', async () => {
    const d = new Dice(SEED);
    let counter = 0;
    const ctx: CaseContext = { d, w: world, wire, fresh: (prefix) => `${prefix}-${SEED}-${counter++}` };
    const problems: string[] = [];
    while (tally.requests < REQUESTS && Date.now() - started < SECONDS * 1000) {
      const batch = Array.from({ length: Math.min(BATCH, REQUESTS - tally.requests) }, () => pickFamily(d, families).make(ctx));
      await pool(batch, CONCURRENCY, async (c) => {
        const outcome = await sendCase(server.port, c);
        tally.requests++;
        tally.byDialect[c.dialect] = (tally.byDialect[c.dialect] ?? 0) + 1;
        const family = c.label.split('/').slice(0, 2).join('/');
        tally.byFamily[family] = (tally.byFamily[family] ?? 0) + 1;
        if (outcome.kind === 'response') tally.byStatus[outcome.res.status] = (tally.byStatus[outcome.res.status] ?? 0) + 1;
        else if (outcome.kind === 'hung-up') tally.hungUp++;
        const problem = judgeOutcome(c, outcome);
        if (problem !== undefined && problems.length < 40)
          problems.push(`${c.label} ${c.request.method} ${c.request.rawPath}?${c.request.rawQuery ?? ''}: ${problem}`);
      });
      tally.batches++;
      assert.equal(server.child.exitCode, null, `the server died in batch ${tally.batches}:\n${server.stderr().slice(-2000)}`);
      assert.deepEqual(problems, [], `batch ${tally.batches} of seed ${SEED}`);
      assertSameSnapshot(initial, await settledSnapshot(server), `batch ${tally.batches} of seed ${SEED}`);
    }
    assert.ok(tally.requests >= Math.min(REQUESTS, 500), `only ${tally.requests} requests went out in ${SECONDS} s`);
  });

  it('survives racing part, complete and abort calls: each upload ends completed or aborted, no byte leaks, nothing else moves', async () => {
    const d = new Dice(SEED).fork(1);
    const before = takeBucketSnapshot(server.dataDir, world.bucketIds);
    const filesBefore = blobFiles(server.dataDir);
    for (let b = 0; b < RACE_BATCHES; b++) {
      const bucket = `hk-race-${b}`;
      assert.equal((await rawHttp(server.port, wire.s3('PUT', pathOf(bucket)))).status, 200);
      const outcome = await raceUploads(server.port, wire, d, bucket, RACE_UPLOADS);
      tally.requests += outcome.requests + 1;
      tally.byFamily['race/uploads'] = (tally.byFamily['race/uploads'] ?? 0) + outcome.requests;
      for (const [status, n] of Object.entries(outcome.statuses)) tally.byStatus[status] = (tally.byStatus[status] ?? 0) + n;
      assert.deepEqual(outcome.problems, [], `race batch ${b} of seed ${SEED}`);
      const deleted = await rawHttp(server.port, wire.s3('DELETE', pathOf(bucket)));
      tally.requests++;
      assert.equal(deleted.status, 204, deleted.body.toString());
      await settledSnapshot(server);
      assert.deepEqual(
        blobFiles(server.dataDir),
        filesBefore,
        `race batch ${b}: every byte of the scratch uploads is freed, and no other blob moved`,
      );
      assertSameSnapshot(before, takeBucketSnapshot(server.dataDir, world.bucketIds), `race batch ${b} of seed ${SEED}`);
    }
  });

  it(`keeps answering within a second or so and stays under ${RSS_BOUND / MiB} MiB while all of this runs`, async () => {
    health = await monitor.stop();
    assert.equal(server.child.exitCode, null, 'the server is still running');
    assert.equal(health.failedHealthChecks, 0, 'every health check was answered');
    assert.ok(health.healthChecks > 10, `${health.healthChecks} health checks`);
    assert.ok(health.slowestHealthMs < 5_000, `the event loop was held up for ${health.slowestHealthMs} ms`);
    assert.ok(health.highWaterBytes < RSS_BOUND, `peak RSS ${mib(health.highWaterBytes)} MiB`);
    assert.equal((await fetch(`${server.url}/_cairn/health`)).status, 200);
  });
});

/** A snapshot once the server has finished with dropped connections (their temporary files are gone). */
async function settledSnapshot(server: CairnProcess): Promise<Snapshot> {
  for (let i = 0; i < 100 && tmpFiles(server.dataDir).length > 0; i++) await sleep(50);
  await sleep(100);
  return takeSnapshot(server.dataDir);
}

const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
