import { useState } from 'preact/hooks';
import { get, path, withQuery } from '../api';
import { StackedBars, type Series } from '../chart';
import { Age, Bytes, ErrorNotice, Loading, useLoad } from '../components';
import { formatBytes, formatMoney, plural } from '../format';
import { href } from '../router';
import type { BucketRow } from './buckets';

type Kind = 'object' | 'part';

interface UsageSeries {
  readonly currency: string;
  readonly from: string;
  readonly to: string;
  readonly points: readonly {
    from: string;
    bytes: Record<Kind, Record<string, number>>;
    objectCost: number;
    partCost: number;
    cost: number;
  }[];
  readonly buckets: readonly {
    bucket: string;
    objectBytes: number;
    partBytes: number;
    objectCost: number;
    partCost: number;
    cost: number;
  }[];
  readonly totals: { objectCost: number; partCost: number; cost: number };
  readonly incompleteUploads: readonly {
    bucket: string;
    uploads: number;
    parts: number;
    bytes: number;
    oldestInitiated: string | null;
    costSoFar: number;
  }[];
}

const kindLabel = { object: 'objects', part: 'parts of incomplete uploads' } as const;

/** Storage over time by class and kind, with cost, per bucket and in total, from the usage ledger. */
export function UsagePage() {
  const [days, setDays] = useState(30);
  const [bucket, setBucket] = useState('');
  const buckets = useLoad(() => get<{ buckets: BucketRow[] }>(path('buckets')), []);
  const usage = useLoad(() => get<UsageSeries>(withQuery(path('usage'), { days, bucket })), [days, bucket]);
  const d = usage.data;
  const labels = d?.points.map((p) => p.from.slice(5, 10)) ?? [];
  const storage: Series[] = [];
  if (d !== undefined) {
    for (const kind of ['object', 'part'] as const) {
      const classes = new Set(
        d.points.flatMap((p) =>
          Object.entries(p.bytes[kind])
            .filter(([, v]) => v > 0)
            .map(([c]) => c),
        ),
      );
      for (const c of classes)
        storage.push({ id: `${kind}:${c}`, label: `${c} ${kindLabel[kind]}`, values: d.points.map((p) => p.bytes[kind][c] ?? 0) });
    }
  }
  const money = (v: number) => formatMoney(v, d?.currency ?? 'USD');
  return (
    <section aria-labelledby="usage-title">
      <h1 id="usage-title">Usage</h1>
      <div class="toolbar">
        <label for="usage-days">Period</label>
        <select id="usage-days" value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          <option value="7">last 7 days</option>
          <option value="30">last 30 days</option>
          <option value="90">last 90 days</option>
          <option value="365">last year</option>
        </select>
        <label for="usage-bucket">Bucket</label>
        <select id="usage-bucket" value={bucket} onChange={(e) => setBucket(e.currentTarget.value)}>
          <option value="">all buckets</option>
          {(buckets.data?.buckets ?? []).map((b) => (
            <option key={b.name} value={b.name}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice error={usage.error} />
      {d === undefined ? (
        usage.error === undefined && <Loading />
      ) : (
        <>
          <div class="cards">
            <div class="card">
              <span>Total cost</span>
              <strong>{money(d.totals.cost)}</strong>
            </div>
            <div class="card">
              <span>Objects</span>
              <strong>{money(d.totals.objectCost)}</strong>
            </div>
            <div class="card warn">
              <span>Parts of incomplete uploads</span>
              <strong>{money(d.totals.partCost)}</strong>
            </div>
          </div>
          <h2>Stored bytes at the end of each day</h2>
          <StackedBars title="Stored bytes by class and kind" labels={labels} series={storage} format={formatBytes} />
          <h2>Cost per day</h2>
          <StackedBars
            title="Cost per day, objects and parts"
            labels={labels}
            series={[
              { id: 'o', label: 'objects', values: d.points.map((p) => p.objectCost) },
              { id: 'p', label: 'parts of incomplete uploads', values: d.points.map((p) => p.partCost) },
            ]}
            format={money}
          />
          <h2>Per bucket</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Bucket</th>
                  <th scope="col" class="num">
                    Object bytes
                  </th>
                  <th scope="col" class="num">
                    Part bytes
                  </th>
                  <th scope="col" class="num">
                    Object cost
                  </th>
                  <th scope="col" class="num">
                    Part cost
                  </th>
                  <th scope="col" class="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.buckets.map((b) => (
                  <tr key={b.bucket}>
                    <th scope="row">{b.bucket}</th>
                    <td class="num">
                      <Bytes n={b.objectBytes} />
                    </td>
                    <td class="num">
                      <Bytes n={b.partBytes} />
                    </td>
                    <td class="num">{money(b.objectCost)}</td>
                    <td class="num">{money(b.partCost)}</td>
                    <td class="num">{money(b.cost)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td class="num">
                    <Bytes n={d.buckets.reduce((s, b) => s + b.objectBytes, 0)} />
                  </td>
                  <td class="num">
                    <Bytes n={d.buckets.reduce((s, b) => s + b.partBytes, 0)} />
                  </td>
                  <td class="num">{money(d.totals.objectCost)}</td>
                  <td class="num">{money(d.totals.partCost)}</td>
                  <td class="num">{money(d.totals.cost)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {d.incompleteUploads.length > 0 && (
            <>
              <h2>Incomplete uploads now</h2>
              <ul class="rules">
                {d.incompleteUploads.map((u) => (
                  <li key={u.bucket}>
                    <a href={href(['buckets', u.bucket, 'parts'])}>{u.bucket}</a>: {plural(u.uploads, 'upload')}, {plural(u.parts, 'part')},{' '}
                    {formatBytes(u.bytes)}, oldest <Age iso={u.oldestInitiated} />, {money(u.costSoFar)} so far.
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
