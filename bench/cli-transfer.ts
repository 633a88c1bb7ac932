// `cairn cp` of 1 GiB up and down beside `aws s3 cp` with the same part size and concurrency, in one run
// against the same Cairn server. Each CLI runs as its own process, timed from spawn to exit (what a user
// waits for); the order alternates between runs. Both download the same object (uploaded once by the
// aws CLI), each upload goes to a key of its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchOptions, Benchmark } from './support/bench-options.js';
import { MiB, mbPerSecond, rotated } from './support/bench-options.js';
import { repoRoot, startServer, type ServerUnderTest } from './support/bench-servers.js';
import { figure, type Figure } from './support/figure.js';

const PART = 8 * MiB;
const CONCURRENCY = 8;
const BUCKET = 'cli-bench';
const cairnBin = process.env.CAIRN_BENCH_BIN ?? path.join(repoRoot, 'bin', 'cairn.js');

async function writeTestFile(file: string, size: number): Promise<void> {
  const block = randomBytes(16 * MiB);
  const fh = await open(file, 'w');
  try {
    for (let at = 0; at < size; at += block.length) await fh.write(block, 0, Math.min(block.length, size - at), at);
  } finally {
    await fh.close();
  }
}

function timed(command: string, args: readonly string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(' ')}: exit ${String(code)}\n${err}`)),
    );
  });
}

type Tool = 'cairn' | 'aws';

export const cliTransfer: Benchmark = {
  name: 'cli',
  description: 'cairn cp of 1 GiB up and down vs aws s3 cp (8 MiB parts, 8 at once), same server',
  async run(o: BenchOptions): Promise<Figure[]> {
    const size = o.quick ? 128 * MiB : 1024 * MiB;
    const file = path.join(o.workDir, 'cli-bench.bin');
    const down = path.join(o.workDir, 'cli-bench.down');
    const home = path.join(o.workDir, 'cli-home');
    const awsConfig = path.join(o.workDir, 'aws-config');
    await writeTestFile(file, size);
    // aws CLI units: "8MB" is 8 MiB there.
    await writeFile(
      awsConfig,
      `[default]\ns3 =\n  multipart_chunksize = ${PART / MiB}MB\n  multipart_threshold = ${PART / MiB}MB\n  max_concurrent_requests = ${CONCURRENCY}\n`,
    );
    const server: ServerUnderTest = await startServer('cairn', {
      dataDir: path.join(o.workDir, 'cli-cairn-data'),
      nodeArgs: o.cairnNodeArgs,
    });
    const env = {
      HOME: home,
      AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
      AWS_ENDPOINT_URL: server.url,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: awsConfig,
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    };
    const cairn = (...args: string[]) => timed(process.execPath, [cairnBin, ...args, ...(args[0] === 'cp' ? ['--quiet'] : [])], env);
    const aws = (...args: string[]) => timed('aws', ['s3', ...args, '--only-show-errors', '--endpoint-url', server.url], env);
    const part = ['--part-size', `${PART}`, '--concurrency', `${CONCURRENCY}`];
    const samples = {
      up: { cairn: [] as number[], aws: [] as number[] },
      down: { cairn: [] as number[], aws: [] as number[] },
      verified: [] as number[],
    };
    try {
      await cairn('mb', `s3://${BUCKET}`);
      await aws('cp', file, `s3://${BUCKET}/shared`);
      for (let run = 0; run < o.runs; run++) {
        for (const tool of rotated<Tool>(['cairn', 'aws'], run)) {
          const key = `s3://${BUCKET}/${tool}-${run}`;
          const upMs = tool === 'cairn' ? await cairn('cp', file, key, ...part) : await aws('cp', file, key);
          // The aws CLI checks nothing of a ranged download; `--no-verify` makes cairn do the same work.
          const downMs =
            tool === 'cairn'
              ? await cairn('cp', `s3://${BUCKET}/shared`, down, ...part, '--no-verify')
              : await aws('cp', `s3://${BUCKET}/shared`, down);
          await rm(down, { force: true });
          samples.up[tool].push(mbPerSecond(size, upMs));
          samples.down[tool].push(mbPerSecond(size, downMs));
          let verified = '';
          if (tool === 'cairn') {
            const ms = await cairn('cp', `s3://${BUCKET}/shared`, down, ...part);
            await rm(down, { force: true });
            samples.verified.push(mbPerSecond(size, ms));
            verified = `, down verified ${mbPerSecond(size, ms).toFixed(1)} MB/s`;
          }
          o.log(
            `  run ${run + 1} ${tool}: up ${mbPerSecond(size, upMs).toFixed(1)} MB/s, down ${mbPerSecond(size, downMs).toFixed(1)} MB/s${verified}`,
          );
          await cairn('rm', key);
        }
      }
    } finally {
      await server.stop();
      await rm(file, { force: true });
    }
    const gib = size / 1024 / MiB;
    const label = `${gib >= 1 ? `${gib} GiB` : `${size / MiB} MiB`} (${PART / MiB} MiB parts x${CONCURRENCY})`;
    return [
      figure({
        bench: 'cli',
        metric: `upload ${label}, cairn cp vs aws s3 cp`,
        unit: 'MB/s',
        samples: samples.up.cairn,
        baselineSamples: samples.up.aws,
        check: { kind: 'ratio-at-least', min: 1 },
      }),
      figure({
        bench: 'cli',
        metric: `download ${label}, cairn cp --no-verify vs aws s3 cp (neither hashes)`,
        unit: 'MB/s',
        samples: samples.down.cairn,
        baselineSamples: samples.down.aws,
        check: { kind: 'ratio-at-least', min: 1 },
      }),
      figure({
        bench: 'cli',
        metric: `download ${label}, cairn cp (MD5 checked against the ETag) vs aws s3 cp`,
        unit: 'MB/s',
        samples: samples.verified,
        baselineSamples: samples.down.aws,
        check: { kind: 'none' },
        note: 'the default: what checking every byte costs on this machine',
      }),
    ];
  },
};
