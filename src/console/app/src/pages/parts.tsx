import { useEffect, useRef, useState } from 'preact/hooks';
import { del, get, path, post, withQuery } from '../api';
import { Age, Bytes, ErrorNotice, Loading, Notice, ProgressBar, useConfirm, useLoad } from '../components';
import { exactTime, formatBytes, formatMoney, plural } from '../format';

interface UploadRow {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: string;
  readonly partCount: number;
  readonly bytes: number;
  readonly storageClass: string;
  readonly costSoFar: number;
  readonly mayAbort: boolean;
}

interface UploadsPage {
  readonly asOf: string;
  readonly currency: string;
  readonly total: { readonly uploads: number; readonly bytes: number };
  readonly bucketTotals: { readonly uploads: number; readonly parts: number; readonly bytes: number };
  readonly uploads: readonly UploadRow[];
  readonly nextPageToken?: string;
}

interface Job {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed' | 'stopped';
  readonly total: number;
  readonly aborted: number;
  readonly parts: number;
  readonly bytes: number;
  readonly denied: number;
  readonly gone: number;
  readonly error?: string;
}

type Sort = 'initiated' | 'size' | 'cost';
const columns: readonly { sort: Sort; label: string; first: 'asc' | 'desc'; ascLabel: string; descLabel: string }[] = [
  { sort: 'initiated', label: 'Age', first: 'asc', ascLabel: 'oldest first', descLabel: 'newest first' },
  { sort: 'size', label: 'Size', first: 'desc', ascLabel: 'smallest first', descLabel: 'largest first' },
  { sort: 'cost', label: 'Cost so far', first: 'desc', ascLabel: 'cheapest first', descLabel: 'most expensive first' },
];

const IRREVERSIBLE = 'Deleted parts cannot be restored: their bytes are freed at once, and the uploads cannot be completed afterwards.';

/**
 * Part Management: every incomplete multipart upload of the bucket, searched, sorted and paged on the
 * server; drill down into an upload's parts; delete one, several, or all of them (the last done by the
 * server in batches, with progress here). Each deletion is confirmed first.
 */
export function PartsPanel({ bucket, can }: { bucket: string; can: (action: string) => boolean }) {
  const [prefix, setPrefix] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('initiated');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [limit, setLimit] = useState(50);
  const [tokens, setTokens] = useState<string[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [drill, setDrill] = useState<UploadRow | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [job, setJob] = useState<Job | undefined>(undefined);
  const [confirm, dialog] = useConfirm();
  const token = tokens.at(-1);
  const page = useLoad(
    () => get<UploadsPage>(withQuery(path('buckets', bucket, 'uploads'), { prefix, sort, order, limit, pageToken: token })),
    [bucket, prefix, sort, order, limit, token],
  );
  const rows = page.data?.uploads ?? [];
  const currency = page.data?.currency ?? 'USD';
  const canAbort = can('s3:AbortMultipartUpload');

  const restart = () => {
    setTokens([]);
    setSelected(new Set());
    setDrill(undefined);
  };
  const sortBy = (s: Sort) => {
    const col = columns.find((c) => c.sort === s)!;
    if (s === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(s);
      setOrder(col.first);
    }
    restart();
  };
  const after = (text: string) => {
    setMessage(text);
    setSelected(new Set());
    setDrill(undefined);
    page.reload();
  };

  const deleteOne = async (u: UploadRow) => {
    setActionError(undefined);
    const ok = await confirm({
      title: 'Delete this incomplete upload?',
      body: (
        <>
          <p>
            <code>{u.key}</code>: {plural(u.partCount, 'part')}, {formatBytes(u.bytes)}.
          </p>
          <p>
            <strong>{IRREVERSIBLE}</strong>
          </p>
        </>
      ),
      confirmLabel: 'Delete parts',
      danger: true,
    });
    if (!ok) return;
    try {
      const r = await del<{ parts: number; bytes: number }>(path('buckets', bucket, 'uploads', u.uploadId));
      after(`Deleted the upload of ${u.key}: ${plural(r.parts, 'part')}, ${formatBytes(r.bytes)} freed.`);
    } catch (e) {
      setActionError(e);
    }
  };

  const chosen = rows.filter((r) => selected.has(r.uploadId));
  const deleteSelected = async () => {
    setActionError(undefined);
    const bytes = chosen.reduce((n, r) => n + r.bytes, 0);
    const parts = chosen.reduce((n, r) => n + r.partCount, 0);
    const ok = await confirm({
      title: `Delete ${plural(chosen.length, 'incomplete upload')}?`,
      body: (
        <>
          <p>
            {plural(parts, 'part')}, {formatBytes(bytes)} in all.
          </p>
          <p>
            <strong>{IRREVERSIBLE}</strong>
          </p>
        </>
      ),
      confirmLabel: `Delete ${chosen.length}`,
      danger: true,
    });
    if (!ok) return;
    try {
      const r = await post<{ aborted: number; parts: number; bytes: number; results: { outcome: string }[] }>(
        path('buckets', bucket, 'uploads', 'delete'),
        { uploadIds: chosen.map((c) => c.uploadId) },
      );
      const denied = r.results.filter((x) => x.outcome === 'denied').length;
      after(
        `Deleted ${plural(r.aborted, 'upload')}: ${plural(r.parts, 'part')}, ${formatBytes(r.bytes)} freed.` +
          (denied > 0 ? ` ${plural(denied, 'upload')} you may not delete stayed.` : ''),
      );
    } catch (e) {
      setActionError(e);
    }
  };

  const total = page.data?.total;
  const deleteAll = async () => {
    setActionError(undefined);
    if (total === undefined) return;
    const ok = await confirm({
      title: prefix === '' ? `Delete all incomplete uploads of ${bucket}?` : `Delete all incomplete uploads under “${prefix}”?`,
      body: (
        <>
          <p>
            {plural(total.uploads, 'upload')}, {formatBytes(total.bytes)} of parts. The server deletes them in batches; you can follow its
            progress here.
          </p>
          <p>
            <strong>{IRREVERSIBLE}</strong>
          </p>
        </>
      ),
      confirmLabel: 'Delete all',
      danger: true,
    });
    if (!ok) return;
    try {
      const r = await post<{ job: Job }>(path('buckets', bucket, 'uploads', 'delete-all'), prefix === '' ? {} : { prefix });
      setJob(r.job);
      setMessage(undefined);
    } catch (e) {
      setActionError(e);
    }
  };
  useEffect(() => {
    if (job?.state !== 'running') return;
    const t = setTimeout(() => {
      get<{ job: Job }>(path('jobs', job.id)).then(
        (r) => {
          setJob(r.job);
          if (r.job.state !== 'running') {
            restart();
            page.reload();
          }
        },
        (e: unknown) => setActionError(e),
      );
    }, 300);
    return () => clearTimeout(t);
  }, [job]);

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const selectable = rows.filter((r) => r.mayAbort);
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(r.uploadId));
  const first = tokens.length * limit;

  return (
    <div class="panel" aria-labelledby="parts-title">
      <h2 id="parts-title">Part Management</h2>
      <p class="hint">
        Incomplete multipart uploads keep their parts on disk, and you pay for them, until they are completed or deleted.
        {page.data !== undefined && (
          <>
            {' '}
            This bucket has <strong>{plural(page.data.bucketTotals.uploads, 'incomplete upload')}</strong> holding{' '}
            <strong>{plural(page.data.bucketTotals.parts, 'part')}</strong>, <strong>{formatBytes(page.data.bucketTotals.bytes)}</strong>.
          </>
        )}
      </p>
      <div class="toolbar">
        <form
          class="inline-form"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setPrefix(search);
            restart();
          }}
        >
          <label for="parts-prefix">Key prefix</label>
          <input
            id="parts-prefix"
            type="search"
            value={search}
            placeholder="e.g. logs/2024/"
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <button type="submit">Search</button>
        </form>
        <label for="parts-sort" class="phone-only">
          Sort
        </label>
        <select
          id="parts-sort"
          class="phone-only"
          value={`${sort}:${order}`}
          onChange={(e) => {
            const [s, o] = e.currentTarget.value.split(':') as [Sort, 'asc' | 'desc'];
            setSort(s);
            setOrder(o);
            restart();
          }}
        >
          {columns.flatMap((c) => [
            <option key={`${c.sort}:asc`} value={`${c.sort}:asc`}>{`${c.label}, ${c.ascLabel}`}</option>,
            <option key={`${c.sort}:desc`} value={`${c.sort}:desc`}>{`${c.label}, ${c.descLabel}`}</option>,
          ])}
        </select>
        <span class="spacer" />
        <button type="button" class="danger" disabled={!canAbort || chosen.length === 0} onClick={() => void deleteSelected()}>
          Delete selected{chosen.length > 0 ? ` (${chosen.length})` : ''}
        </button>
        <button
          type="button"
          class="danger"
          disabled={!canAbort || total === undefined || total.uploads === 0 || job?.state === 'running'}
          onClick={() => void deleteAll()}
        >
          Delete all{prefix === '' ? '' : ' matching'}
        </button>
      </div>
      {!canAbort && page.data !== undefined && (
        <Notice kind="info">You may list these uploads but not delete them (s3:AbortMultipartUpload is not granted to you).</Notice>
      )}
      {job !== undefined && <JobProgress job={job} />}
      {message !== undefined && <Notice kind="ok">{message}</Notice>}
      <ErrorNotice error={actionError ?? page.error} />
      {page.data === undefined ? (
        page.error === undefined && <Loading />
      ) : (
        <>
          <p class="summary" aria-live="polite">
            {prefix === '' ? 'All uploads' : <>Uploads under “{prefix}”</>}: {plural(page.data.total.uploads, 'upload')},{' '}
            {formatBytes(page.data.total.bytes)}.{' '}
            {rows.length > 0 && (
              <>
                Showing {(first + 1).toLocaleString()}–{(first + rows.length).toLocaleString()},{' '}
                {columns.find((c) => c.sort === sort)!.label.toLowerCase()}{' '}
                {order === 'asc' ? columns.find((c) => c.sort === sort)!.ascLabel : columns.find((c) => c.sort === sort)!.descLabel}. Costs
                as of <span title={exactTime(page.data.asOf)}>{new Date(page.data.asOf).toLocaleTimeString()}</span>.
              </>
            )}
          </p>
          {rows.length === 0 ? (
            <p>No incomplete uploads{prefix === '' ? '' : ' under this prefix'}.</p>
          ) : (
            <div class="table-wrap">
              <table class="uploads">
                <thead>
                  <tr>
                    <th scope="col" class="check">
                      <input
                        type="checkbox"
                        aria-label="Select every upload on this page"
                        checked={allSelected}
                        disabled={!canAbort || selectable.length === 0}
                        onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((r) => r.uploadId)))}
                      />
                    </th>
                    <th scope="col">Key</th>
                    <th scope="col">Upload ID</th>
                    {columns.slice(0, 1).map((c) => (
                      <SortHeader key={c.sort} column={c} sort={sort} order={order} onSort={sortBy} />
                    ))}
                    <th scope="col" class="num">
                      Parts
                    </th>
                    <SortHeader column={columns[1]!} sort={sort} order={order} onSort={sortBy} />
                    <th scope="col">Class</th>
                    <SortHeader column={columns[2]!} sort={sort} order={order} onSort={sortBy} />
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((u) => (
                    <tr key={u.uploadId} class={drill?.uploadId === u.uploadId ? 'open' : undefined}>
                      <td class="check">
                        <input
                          type="checkbox"
                          aria-label={`Select the upload of ${u.key}`}
                          checked={selected.has(u.uploadId)}
                          disabled={!u.mayAbort}
                          onChange={() => toggle(u.uploadId)}
                        />
                      </td>
                      <th scope="row" class="key">
                        {u.key}
                      </th>
                      <td class="mono" data-label="Upload ID" title={u.uploadId}>
                        {u.uploadId.length > 14 ? `${u.uploadId.slice(0, 12)}…` : u.uploadId}
                      </td>
                      <td data-label="Age">
                        <Age iso={u.initiated} />
                      </td>
                      <td class="num" data-label="Parts">
                        {u.partCount.toLocaleString()}
                      </td>
                      <td class="num" data-label="Size">
                        <Bytes n={u.bytes} />
                      </td>
                      <td data-label="Class">{u.storageClass}</td>
                      <td class="num" data-label="Cost so far">
                        {formatMoney(u.costSoFar, currency)}
                      </td>
                      <td class="row-actions">
                        <button
                          type="button"
                          class="small"
                          aria-expanded={drill?.uploadId === u.uploadId}
                          aria-controls="parts-drill"
                          onClick={() => setDrill(drill?.uploadId === u.uploadId ? undefined : u)}
                        >
                          Parts
                        </button>
                        <button
                          type="button"
                          class="small danger"
                          disabled={!u.mayAbort}
                          title={u.mayAbort ? undefined : 'You may not delete this upload'}
                          aria-label={`Delete the upload of ${u.key}`}
                          onClick={() => void deleteOne(u)}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div class="pager">
            <button type="button" disabled={tokens.length === 0} onClick={() => setTokens(tokens.slice(0, -1))}>
              Previous page
            </button>
            <button
              type="button"
              disabled={page.data.nextPageToken === undefined}
              onClick={() => page.data?.nextPageToken !== undefined && setTokens([...tokens, page.data.nextPageToken])}
            >
              Next page
            </button>
            <label for="parts-limit">Per page</label>
            <select
              id="parts-limit"
              value={String(limit)}
              onChange={(e) => {
                setLimit(Number(e.currentTarget.value));
                restart();
              }}
            >
              {[25, 50, 100, 200].map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          {drill !== undefined && <PartsOfUpload bucket={bucket} upload={drill} onClose={() => setDrill(undefined)} />}
        </>
      )}
      {dialog}
    </div>
  );
}

function SortHeader({
  column,
  sort,
  order,
  onSort,
}: {
  column: (typeof columns)[number];
  sort: Sort;
  order: 'asc' | 'desc';
  onSort: (s: Sort) => void;
}) {
  const active = column.sort === sort;
  const now = order === 'asc' ? column.ascLabel : column.descLabel;
  return (
    <th
      scope="col"
      class={column.sort === 'initiated' ? undefined : 'num'}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        class="sort"
        onClick={() => onSort(column.sort)}
        title={active ? `Sorted ${now}; press to reverse` : `Sort by ${column.label.toLowerCase()}`}
      >
        {column.label}
        <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
}

interface PartRow {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
  readonly checksums: Readonly<Record<string, string>>;
  readonly uploaded: string;
}

function PartsOfUpload({ bucket, upload, onClose }: { bucket: string; upload: UploadRow; onClose: () => void }) {
  const [after, setAfter] = useState<number[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  const page = useLoad(
    () =>
      get<{ parts: PartRow[]; nextAfter?: number }>(
        withQuery(path('buckets', bucket, 'uploads', upload.uploadId, 'parts'), { after: after.at(-1), limit: 100 }),
      ),
    [bucket, upload.uploadId, after.at(-1)],
  );
  useEffect(() => ref.current?.focus(), [upload.uploadId]);
  return (
    <div id="parts-drill" class="drill" tabIndex={-1} ref={ref} aria-labelledby="drill-title">
      <div class="drill-head">
        <h3 id="drill-title">
          Parts of <code>{upload.key}</code>
        </h3>
        <button type="button" class="small" onClick={onClose}>
          Close
        </button>
      </div>
      <p class="hint mono">Upload ID {upload.uploadId}</p>
      <ErrorNotice error={page.error} />
      {page.data === undefined ? (
        page.error === undefined && <Loading />
      ) : page.data.parts.length === 0 ? (
        <p>This upload has no parts yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="parts">
            <thead>
              <tr>
                <th scope="col" class="num">
                  Part
                </th>
                <th scope="col" class="num">
                  Size
                </th>
                <th scope="col">ETag</th>
                <th scope="col">Checksum</th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {page.data.parts.map((p) => (
                <tr key={p.partNumber}>
                  <th scope="row" class="num">
                    {p.partNumber}
                  </th>
                  <td class="num">
                    <Bytes n={p.size} />
                  </td>
                  <td class="mono">{p.etag}</td>
                  <td class="mono">
                    {Object.entries(p.checksums)
                      .map(([k, v]) => `${k.toUpperCase()} ${v}`)
                      .join(', ') || '-'}
                  </td>
                  <td>
                    <Age iso={p.uploaded} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="pager">
        <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>
          Previous parts
        </button>
        <button
          type="button"
          disabled={page.data?.nextAfter === undefined}
          onClick={() => page.data?.nextAfter !== undefined && setAfter([...after, page.data.nextAfter])}
        >
          Next parts
        </button>
      </div>
    </div>
  );
}

function JobProgress({ job }: { job: Job }) {
  const settled = job.aborted + job.denied + job.gone;
  return (
    <div class={`notice ${job.state === 'done' ? 'ok' : job.state === 'running' ? 'info' : 'error'}`} role="status" aria-live="polite">
      <p>
        {job.state === 'running'
          ? 'Deleting all incomplete uploads…'
          : job.state === 'done'
            ? 'Delete All finished.'
            : `Delete All ${job.state}.`}{' '}
        {job.aborted.toLocaleString()} of {job.total.toLocaleString()} uploads deleted, {plural(job.parts, 'part')},{' '}
        {formatBytes(job.bytes)} freed.
        {job.denied > 0 && ` ${plural(job.denied, 'upload')} you may not delete stayed.`}
        {job.error !== undefined && ` ${job.error}`}
      </p>
      <ProgressBar value={settled} max={job.total} label="Delete All progress" />
    </div>
  );
}
