import { useState } from 'preact/hooks';
import { ApiError, del, get, path, post } from '../api';
import { Age, Bytes, ErrorNotice, Loading, Notice, useConfirm, useLoad } from '../components';
import { formatBytes, plural } from '../format';
import { href } from '../router';

export interface BucketRow {
  readonly name: string;
  readonly createdAt: string;
  readonly storageClass: string;
  readonly objects: number;
  readonly objectBytes: number;
  readonly uploads: number;
  readonly parts: number;
  readonly partBytes: number;
}

export function BucketsPage() {
  const { data, error, reload } = useLoad(() => get<{ buckets: BucketRow[] }>(path('buckets')), []);
  const [name, setName] = useState('');
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [blocked, setBlocked] = useState<{ bucket: string; message: string } | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [confirm, dialog] = useConfirm();

  const create = async (e: Event) => {
    e.preventDefault();
    setActionError(undefined);
    try {
      await post(path('buckets'), { name: name.trim() });
      setDone(`Bucket ${name.trim()} created.`);
      setName('');
      reload();
    } catch (err) {
      setActionError(err);
    }
  };
  const remove = async (b: BucketRow) => {
    setActionError(undefined);
    setBlocked(undefined);
    setDone(undefined);
    if (b.uploads > 0) {
      setBlocked({
        bucket: b.name,
        message: `${b.name} holds ${plural(b.uploads, 'incomplete multipart upload')} whose parts take ${formatBytes(b.partBytes)}. The console does not delete parts together with a bucket.`,
      });
      return;
    }
    const ok = await confirm({
      title: `Delete bucket ${b.name}?`,
      body: <p>The bucket must be empty. This cannot be undone.</p>,
      confirmLabel: 'Delete bucket',
      danger: true,
    });
    if (!ok) return;
    try {
      await del(path('buckets', b.name));
      setDone(`Bucket ${b.name} deleted.`);
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'BucketNotEmpty' && Number(err.details.IncompleteUploadCount ?? 0) > 0) {
        setBlocked({ bucket: b.name, message: err.message });
      } else setActionError(err);
    }
  };

  return (
    <section aria-labelledby="buckets-title">
      <h1 id="buckets-title">Buckets</h1>
      <form class="inline-form" onSubmit={(e) => void create(e)}>
        <label for="new-bucket">New bucket name</label>
        <input
          id="new-bucket"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          required
          pattern="[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]"
        />
        <button type="submit" class="primary">
          Create bucket
        </button>
      </form>
      {done !== undefined && <Notice kind="ok">{done}</Notice>}
      {blocked !== undefined && (
        <div class="notice warn" role="alert">
          <p>
            <strong>{blocked.bucket} cannot be deleted from the console yet.</strong> {blocked.message}
          </p>
          <p>
            Delete its incomplete uploads in <a href={href(['buckets', blocked.bucket, 'parts'])}>Part Management for {blocked.bucket}</a>{' '}
            first (deleted parts cannot be restored), then delete the bucket.
          </p>
        </div>
      )}
      <ErrorNotice error={actionError ?? error} />
      {data === undefined ? (
        error === undefined && <Loading />
      ) : data.buckets.length === 0 ? (
        <p>No buckets yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col" class="num">
                  Objects
                </th>
                <th scope="col" class="num">
                  Object bytes
                </th>
                <th scope="col" class="num">
                  Incomplete uploads
                </th>
                <th scope="col" class="num">
                  Part bytes
                </th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.buckets.map((b) => (
                <tr key={b.name}>
                  <th scope="row">
                    <a href={href(['buckets', b.name, 'objects'])}>{b.name}</a>
                  </th>
                  <td>
                    <Age iso={b.createdAt} />
                  </td>
                  <td class="num">{b.objects.toLocaleString()}</td>
                  <td class="num">
                    <Bytes n={b.objectBytes} />
                  </td>
                  <td class="num">{b.uploads > 0 ? <a href={href(['buckets', b.name, 'parts'])}>{b.uploads.toLocaleString()}</a> : '0'}</td>
                  <td class="num">
                    <Bytes n={b.partBytes} />
                  </td>
                  <td>
                    <button type="button" class="danger small" onClick={() => void remove(b)} aria-label={`Delete bucket ${b.name}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog}
    </section>
  );
}
