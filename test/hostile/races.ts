import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { rawHttp, type RawHttpRequest, type RawHttpResponse } from '../support/raw-http.js';
import type { Dice } from './prng.js';
import { checkErrorFormat, type DialectName } from './wire-format.js';
import { pathOf, type Wire } from './wire.js';
import { pattern } from './world.js';

export interface RaceOutcome {
  readonly requests: number;
  readonly problems: string[];
  readonly statuses: Record<string, number>;
}

interface Sent {
  readonly what: string;
  readonly dialect: DialectName;
  readonly method: string;
  readonly res: RawHttpResponse | Error;
}

/**
 * Racing calls on scratch uploads: parts (some uploaded twice), complete, abort through S3, OSS and the
 * admin API, and ListParts, all at once in a random order. Whatever the interleaving, each upload must
 * end either completed, its object holding exactly the bytes of the parts the successful complete named,
 * or aborted with no object; never both, never neither, never a 5xx.
 */
export async function raceUploads(port: number, wire: Wire, d: Dice, bucket: string, uploads: number): Promise<RaceOutcome> {
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  let requests = 0;
  const send = async (what: string, dialect: DialectName, req: RawHttpRequest): Promise<Sent> => {
    requests++;
    await sleep(d.int(4));
    try {
      const res = await rawHttp(port, req);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) problems.push(`${what}: ${res.status} ${res.body.toString().slice(0, 200)}`);
      else if (res.status >= 400) {
        const format = checkErrorFormat(dialect, req.method, res);
        if (format.problem !== undefined) problems.push(`${what}: ${format.problem}`);
      }
      return { what, dialect, method: req.method, res };
    } catch (error) {
      problems.push(`${what}: ${String(error)}`);
      return { what, dialect, method: req.method, res: error as Error };
    }
  };

  await Promise.all(
    Array.from({ length: uploads }, async (_, u) => {
      const key = `race/${u}`;
      const path = pathOf(bucket, key);
      const created = await rawHttp(port, wire.s3('POST', path, { query: 'uploads' }));
      requests++;
      const id = /<UploadId>([^<]+)<\/UploadId>/.exec(created.body.toString())?.[1];
      if (created.status !== 200 || id === undefined) {
        problems.push(`create ${key}: ${created.status}`);
        return;
      }
      const partCount = d.between(1, 4);
      const bodies = new Map<number, Buffer>();
      const calls: (() => Promise<Sent>)[] = [];
      for (let n = 1; n <= partCount; n++) {
        const body = pattern(n === partCount ? d.between(1, 3000) : 1024 + d.int(3000), u * 10 + n);
        bodies.set(n, body);
        const copies = d.chance(0.3) ? 2 : 1;
        for (let i = 0; i < copies; i++) {
          calls.push(() =>
            d.chance(0.5)
              ? send(`part ${key}#${n}`, 's3', wire.s3('PUT', path, { query: `partNumber=${n}&uploadId=${id}`, body }))
              : send(
                  `part ${key}#${n}`,
                  'oss',
                  wire.oss('V4', 'PUT', path, { bucket, key }, { query: `partNumber=${n}&uploadId=${id}`, body }),
                ),
          );
        }
      }
      const listed = [...bodies.entries()]
        .map(([n, b]) => `<Part><PartNumber>${n}</PartNumber><ETag>"${md5Hex(b)}"</ETag></Part>`)
        .join('');
      const doc = `<CompleteMultipartUpload>${listed}</CompleteMultipartUpload>`;
      for (let i = 0; i < d.between(1, 2); i++) {
        calls.push(() =>
          d.chance(0.5)
            ? send(`complete ${key}`, 's3', wire.s3('POST', path, { query: `uploadId=${id}`, body: doc }))
            : send(`complete ${key}`, 'oss', wire.oss('V1', 'POST', path, { bucket, key }, { query: `uploadId=${id}`, body: doc })),
        );
      }
      calls.push(() =>
        d.pick([
          () => send(`abort ${key}`, 's3', wire.s3('DELETE', path, { query: `uploadId=${id}` })),
          () => send(`abort ${key}`, 'oss', wire.oss('V4', 'DELETE', path, { bucket, key }, { query: `uploadId=${id}` })),
          () =>
            send(
              `abort ${key}`,
              'admin',
              wire.admin('POST', `/_cairn/admin/v1/buckets/${bucket}/uploads/abort`, { body: JSON.stringify({ uploadIds: [id] }) }),
            ),
          () => send(`abort ${key}`, 'admin', wire.admin('DELETE', `/_cairn/admin/v1/buckets/${bucket}/uploads/${encodeURIComponent(id)}`)),
        ])(),
      );
      if (d.chance(0.5)) calls.push(() => send(`list-parts ${key}`, 's3', wire.s3('GET', path, { query: `uploadId=${id}` })));
      const results = await Promise.all(d.shuffle(calls).map((call) => call()));

      const completed = results.filter(
        (r) =>
          r.what.startsWith('complete') &&
          !(r.res instanceof Error) &&
          r.res.status === 200 &&
          /<CompleteMultipartUploadResult/.test(r.res.body.toString()),
      );
      const aborted = results.filter(
        (r) =>
          r.what.startsWith('abort') &&
          !(r.res instanceof Error) &&
          (r.res.status === 204 || (r.res.status === 200 && /"aborted":1/.test(r.res.body.toString()))),
      );
      const object = await rawHttp(port, wire.s3('GET', path));
      requests++;
      const active = await rawHttp(port, wire.s3('GET', path, { query: `uploadId=${id}` }));
      requests++;
      if (active.status !== 404) problems.push(`${key}: still listable after the race (${active.status})`);
      if (completed.length > 0 && aborted.length > 0) problems.push(`${key}: both completed and aborted`);
      if (completed.length > 0) {
        const expected = Buffer.concat([...bodies.values()]);
        if (object.status !== 200 || !object.body.equals(expected))
          problems.push(`${key}: completed, but the object is ${object.status} with ${object.body.length} bytes, not ${expected.length}`);
      } else if (object.status !== 404) {
        problems.push(`${key}: not completed, yet GET answers ${object.status}`);
      }
      if (completed.length === 0 && aborted.length === 0) problems.push(`${key}: neither completed nor aborted`);
      if (object.status === 200) {
        const del = await rawHttp(port, wire.s3('DELETE', path));
        requests++;
        assert.equal(del.status, 204);
      }
    }),
  );
  return { requests, problems, statuses };
}

function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}
