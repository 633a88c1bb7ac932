import { useRef, useState } from 'preact/hooks';
import { del, get, path, withQuery } from '../api';
import { Age, Bytes, ErrorNotice, Loading, Notice, ProgressBar, useConfirm, useLoad } from '../components';
import { formatBytes, formatDuration } from '../format';
import { go, href } from '../router';
import { FileUpload, type UploadProgress } from '../uploader';

interface ObjectRow {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
  readonly storageClass: string;
}

interface ObjectDetails extends ObjectRow {
  readonly partsCount: number | null;
  readonly contentType: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly checksum: { algorithm: string; type: string; value: string } | null;
  readonly checksums: Readonly<Record<string, string>>;
}

/** The Objects browser: folders at '/', paging, search by prefix, details, download, delete, upload. */
export function ObjectsPanel({ bucket, prefix, can }: { bucket: string; prefix: string; can: (action: string) => boolean }) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [tokens, setTokens] = useState<string[]>([]);
  const [details, setDetails] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [uploads, setUploads] = useState<readonly { id: string; p: UploadProgress }[]>([]);
  const running = useRef(new Map<string, FileUpload>());
  const fileInput = useRef<HTMLInputElement>(null);
  const [confirm, dialog] = useConfirm();
  const token = tokens.at(-1);
  const listPrefix = prefix + query;
  const page = useLoad(
    () =>
      get<{ folders: string[]; objects: ObjectRow[]; nextPageToken?: string }>(
        withQuery(path('buckets', bucket, 'objects'), { prefix: listPrefix, pageToken: token, limit: 100 }),
      ),
    [bucket, listPrefix, token],
  );
  const open = (p: string) => {
    setTokens([]);
    setQuery('');
    setSearch('');
    setDetails(undefined);
    go(['buckets', bucket, 'objects'], { prefix: p });
  };
  const crumbs = prefix.split('/').filter((s) => s !== '');

  const remove = async (o: ObjectRow) => {
    setActionError(undefined);
    const ok = await confirm({
      title: `Delete ${o.key}?`,
      body: <p>{formatBytes(o.size)}. A deleted object cannot be restored.</p>,
      confirmLabel: 'Delete object',
      danger: true,
    });
    if (!ok) return;
    try {
      await del(withQuery(path('buckets', bucket, 'object'), { key: o.key }));
      setMessage(`Deleted ${o.key}.`);
      setDetails(undefined);
      page.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const startUploads = (files: FileList | null) => {
    if (files === null) return;
    for (const file of Array.from(files)) {
      const key = prefix + file.name;
      const id = `${key}\u0000${Date.now()}\u0000${Math.random()}`;
      const u = new FileUpload(bucket, file, key, (p) => {
        setUploads((list) => list.map((x) => (x.id === id ? { id, p } : x)));
        if (p.state !== 'running') {
          running.current.delete(id);
          if (p.state === 'done') page.reload();
        }
      });
      running.current.set(id, u);
      setUploads((list) => [...list, { id, p: u.progress }]);
      void u.run();
    }
    if (fileInput.current !== null) fileInput.current.value = '';
  };
  return (
    <div class="panel" aria-labelledby="objects-title">
      <h2 id="objects-title">Objects</h2>
      <nav class="crumbs" aria-label="Folder">
        <a href={href(['buckets', bucket, 'objects'])}>{bucket}</a>
        {crumbs.map((c, i) => (
          <span key={i}>
            {' / '}
            <a href={href(['buckets', bucket, 'objects'], { prefix: `${crumbs.slice(0, i + 1).join('/')}/` })}>{c}</a>
          </span>
        ))}
      </nav>
      <div class="toolbar">
        <form
          class="inline-form"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setTokens([]);
            setQuery(search);
          }}
        >
          <label for="object-search">Search by prefix</label>
          <input id="object-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          <button type="submit">Search</button>
        </form>
        <span class="spacer" />
        <input
          id="upload-files"
          ref={fileInput}
          class="visually-hidden file-picker"
          type="file"
          multiple
          disabled={!can('s3:PutObject')}
          onChange={(e) => startUploads(e.currentTarget.files)}
        />
        <label class="button primary" for="upload-files" aria-disabled={!can('s3:PutObject')}>
          Upload files
        </label>
      </div>
      {uploads.length > 0 && (
        <ul class="uploads-progress" aria-label="Uploads">
          {uploads.map(({ id, p }) => (
            <UploadLine key={id} p={p} onCancel={() => running.current.get(id)?.cancel()} />
          ))}
        </ul>
      )}
      {message !== undefined && <Notice kind="ok">{message}</Notice>}
      <ErrorNotice error={actionError ?? page.error} />
      {page.data === undefined ? (
        page.error === undefined && <Loading />
      ) : page.data.folders.length + page.data.objects.length === 0 ? (
        <p>{listPrefix === '' ? 'This bucket has no objects.' : 'Nothing here matches.'}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" class="num">
                  Size
                </th>
                <th scope="col">Last modified</th>
                <th scope="col">Class</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {page.data.folders.map((f) => (
                <tr key={f}>
                  <th scope="row">
                    <a
                      href={href(['buckets', bucket, 'objects'], { prefix: f })}
                      onClick={(e) => {
                        e.preventDefault();
                        open(f);
                      }}
                    >
                      📁 {f.slice(prefix.length)}
                    </a>
                  </th>
                  <td class="num">-</td>
                  <td>-</td>
                  <td>folder</td>
                  <td />
                </tr>
              ))}
              {page.data.objects.map((o) => (
                <tr key={o.key}>
                  <th scope="row" class="key">
                    {o.key.slice(prefix.length)}
                  </th>
                  <td class="num">
                    <Bytes n={o.size} />
                  </td>
                  <td>
                    <Age iso={o.lastModified} />
                  </td>
                  <td>{o.storageClass}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="small"
                      aria-expanded={details === o.key}
                      onClick={() => setDetails(details === o.key ? undefined : o.key)}
                    >
                      Details
                    </button>
                    <a class="button small" href={withQuery(path('buckets', bucket, 'object', 'content'), { key: o.key })} download>
                      Download
                    </a>
                    <button
                      type="button"
                      class="small danger"
                      disabled={!can('s3:DeleteObject')}
                      aria-label={`Delete ${o.key}`}
                      onClick={() => void remove(o)}
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
          disabled={page.data?.nextPageToken === undefined}
          onClick={() => page.data?.nextPageToken !== undefined && setTokens([...tokens, page.data.nextPageToken])}
        >
          Next page
        </button>
      </div>
      {details !== undefined && <Details bucket={bucket} objectKey={details} />}
      {dialog}
    </div>
  );
}

function UploadLine({ p, onCancel }: { p: UploadProgress; onCancel: () => void }) {
  const seconds = (Date.now() - p.startedAt) / 1000;
  const rate = seconds > 0 ? p.sent / seconds : 0;
  const eta = rate > 0 ? (p.size - p.sent) / rate : Number.NaN;
  return (
    <li class={`upload-line ${p.state}`}>
      <div class="upload-name">
        <strong>{p.key}</strong>
        <span>
          {formatBytes(p.sent)} of {formatBytes(p.size)}
          {p.state === 'running' && (
            <>
              {' '}
              · {formatBytes(rate)}/s · {Number.isNaN(eta) ? 'estimating…' : `${formatDuration(eta)} left`}
            </>
          )}
          {p.state === 'done' && ` · done, ETag ${p.etag ?? ''}`}
          {p.state === 'cancelled' && ' · cancelled, its parts were deleted'}
          {p.state === 'failed' && ` · failed: ${p.error ?? ''}`}
        </span>
      </div>
      <ProgressBar value={p.sent} max={p.size} label={`Upload of ${p.key}`} />
      {p.state === 'running' && (
        <button type="button" class="small" onClick={onCancel} aria-label={`Cancel the upload of ${p.key}`}>
          Cancel
        </button>
      )}
    </li>
  );
}

function Details({ bucket, objectKey }: { bucket: string; objectKey: string }) {
  const d = useLoad(
    () => get<{ object: ObjectDetails }>(withQuery(path('buckets', bucket, 'object'), { key: objectKey })),
    [bucket, objectKey],
  );
  return (
    <div class="drill" aria-labelledby="details-title">
      <h3 id="details-title">
        <code>{objectKey}</code>
      </h3>
      <ErrorNotice error={d.error} />
      {d.data !== undefined && (
        <dl class="facts">
          <dt>Size</dt>
          <dd>
            <Bytes n={d.data.object.size} /> ({d.data.object.size.toLocaleString()} bytes)
          </dd>
          <dt>ETag</dt>
          <dd class="mono">{d.data.object.etag}</dd>
          <dt>Parts</dt>
          <dd>{d.data.object.partsCount ?? 'single upload'}</dd>
          <dt>Storage class</dt>
          <dd>{d.data.object.storageClass}</dd>
          <dt>Content type</dt>
          <dd>{d.data.object.contentType ?? '-'}</dd>
          <dt>Last modified</dt>
          <dd>
            <Age iso={d.data.object.lastModified} />
          </dd>
          <dt>Checksum</dt>
          <dd class="mono">
            {d.data.object.checksum === null
              ? '-'
              : `${d.data.object.checksum.algorithm.toUpperCase()} (${d.data.object.checksum.type}) ${d.data.object.checksum.value}`}
            {Object.entries(d.data.object.checksums).map(([k, v]) => (
              <div key={k}>
                {k.toUpperCase()} {v}
              </div>
            ))}
          </dd>
          <dt>Metadata</dt>
          <dd>
            {Object.keys(d.data.object.metadata).length === 0
              ? '-'
              : Object.entries(d.data.object.metadata).map(([k, v]) => (
                  <div key={k} class="mono">
                    {k}: {v}
                  </div>
                ))}
          </dd>
        </dl>
      )}
    </div>
  );
}
