// `npm run bench`: every benchmark of issue 3, figures as medians of several runs against baselines
// measured in the same run. One JSON line per figure on standard output, a table at the end, and
// bench-results/latest.json. Progress goes to standard error.
// Run: node dist/bench/run.js [--quick] [--only NAME[,NAME]] [--runs N] [--cpu-prof DIR]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliTransfer } from './cli-transfer.js';
import { completeScaling } from './complete-scaling.js';
import { hostileLoad } from './hostile-load.js';
import { listUploads } from './list-uploads.js';
import { multipartTransfer } from './multipart-transfer.js';
import { smallPuts } from './small-puts.js';
import { versioning } from './versioning.js';
import { encryptionTransfer } from './encryption-transfer.js';
import { partManagement } from './part-management.js';
import type { Benchmark } from './support/bench-options.js';
import { repoRoot } from './support/bench-servers.js';
import type { Figure } from './support/figure.js';
import { formatTable } from './support/format-table.js';

const benchmarks: readonly Benchmark[] = [
  multipartTransfer,
  smallPuts,
  completeScaling,
  listUploads,
  encryptionTransfer,
  cliTransfer,
  partManagement,
  versioning,
  hostileLoad,
];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'node dist/bench/run.js [--quick] [--only NAME[,NAME]] [--runs N] [--cpu-prof DIR]\n' +
      benchmarks.map((b) => `  ${b.name.padEnd(14)}${b.description}\n`).join(''),
  );
  process.exit(0);
}

const only = values.only?.split(',').map((s) => s.trim()) ?? benchmarks.map((b) => b.name);
const unknown = only.filter((n) => !benchmarks.some((b) => b.name === n));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
const quick = values.quick;
const runs = values.runs === undefined ? (quick ? 1 : 3) : Number(values.runs);
const profileDir = values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']);
if (profileDir !== undefined) await mkdir(profileDir, { recursive: true });
const workDir = await mkdtemp(path.join(tmpdir(), 'cairn-bench-'));
const started = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}\n`);
log(
  `${quick ? 'quick' : 'full'} run, ${runs} run(s) per measurement, ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

const figures: Figure[] = [];
try {
  for (const bench of benchmarks.filter((b) => only.includes(b.name))) {
    log(`${bench.name}: ${bench.description}`);
    const found = await bench.run({
      quick,
      runs,
      workDir,
      cairnNodeArgs: profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
      log,
    });
    for (const f of found) process.stdout.write(`${JSON.stringify(f)}\n`);
    figures.push(...found);
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

process.stdout.write(`\n${formatTable(figures)}\n`);
const missed = figures.filter((f) => f.met === false).length;
const withTarget = figures.filter((f) => f.met !== null).length;
process.stdout.write(
  `${withTarget - missed}/${withTarget} targets met; values are medians of ${runs} run(s)${quick ? ' (--quick: scaled down, a smoke test, not the figures of record)' : ''}.\n`,
);
const resultsDir = path.join(repoRoot, 'bench-results');
await mkdir(resultsDir, { recursive: true });
await writeFile(
  path.join(resultsDir, 'latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), quick, runs, cpus: cpus().length, node: process.version, loadAverageAtEnd: loadavg(), figures }, null, 2)}\n`,
);
