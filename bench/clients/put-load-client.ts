// The small-object load client: N keep-alive connections, each PUTting `size`-byte objects back to back,
// signed with Cairn's SigV4 signer and UNSIGNED-PAYLOAD. Runs in its own process. After a warm-up it
// counts the PUTs acknowledged within the measured window and prints one JSON line:
//   {"ops":N,"seconds":S,"opsPerSecond":R,"errors":E,"p50Ms":..,"p99Ms":..}
// Run: node dist/bench/clients/put-load-client.js --endpoint URL --access-key K --secret-key S
//      --bucket B [--connections 32] [--seconds 10] [--warmup 1] [--size 4096] [--keys N]
// --keys N: each connection cycles through N keys, so that later PUTs overwrite (0: every key new).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { median } from '../support/figure.js';
import { SignedClient } from '../support/signed-client.js';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    'access-key': { type: 'string' },
    'secret-key': { type: 'string' },
    bucket: { type: 'string' },
    connections: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
    size: { type: 'string', default: '4096' },
    keys: { type: 'string', default: '0' },
  },
});
const connections = Number(values.connections);
const client = new SignedClient(
  values.endpoint!,
  { accessKeyId: values['access-key']!, secretAccessKey: values['secret-key']! },
  connections,
);
const bucket = values.bucket!;
const body = randomBytes(Number(values.size));
const keysPerConnection = Number(values.keys);

const created = await client.send('PUT', `/${bucket}`);
if (created.status !== 200 && !created.body.includes('BucketAlreadyOwnedByYou'))
  throw new Error(`CreateBucket answered ${created.status}: ${created.body}`);

const windowStart = performance.now() + Number(values.warmup) * 1000;
const windowEnd = windowStart + Number(values.seconds) * 1000;
let ops = 0;
let errors = 0;
let firstError = '';
const latencies: number[] = [];

async function worker(w: number): Promise<void> {
  for (let n = 0; performance.now() < windowEnd; n++) {
    const started = performance.now();
    const res = await client.send('PUT', `/${bucket}/w${w}/${keysPerConnection > 0 ? n % keysPerConnection : n}`, '', body);
    const ended = performance.now();
    if (res.status !== 200) {
      errors++;
      firstError ||= `${res.status} ${res.body.slice(0, 300)}`;
    } else if (ended > windowStart && ended <= windowEnd) {
      ops++;
      if (started >= windowStart) latencies.push(ended - started);
    }
  }
}

await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
client.close();
latencies.sort((a, b) => a - b);
const seconds = (windowEnd - windowStart) / 1000;
process.stdout.write(
  `${JSON.stringify({
    ops,
    seconds,
    opsPerSecond: ops / seconds,
    errors,
    firstError,
    p50Ms: median(latencies),
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? null,
  })}\n`,
);
