import { useEffect, useState } from 'preact/hooks';
import { get, path, put, withQuery } from '../api';
import { Age, Bytes, ErrorNotice, Loading, Notice, useLoad } from '../components';
import { exactTime, formatBytes, plural } from '../format';

interface Trigger {
  readonly days: number | null;
  readonly date: string | null;
  readonly createdBefore: string | null;
}

interface Rule {
  readonly id: string;
  readonly enabled: boolean;
  readonly prefix: string;
  readonly editable: boolean;
  readonly abortIncompleteUploads: Trigger | null;
  readonly expiration: Trigger | null;
  readonly transitions: readonly (Trigger & { storageClass: string })[];
  readonly tags: readonly { key: string; value: string }[];
}

interface Preview {
  readonly evaluatedAt: string;
  readonly totals: { uploadsAborted: number; partsFreed: number; bytesFreed: number; objectsExpired: number; bytesExpired: number };
  readonly actions: readonly { kind: string; rule: string; key: string; uploadId?: string; parts?: number; bytes: number; dueAt: string }[];
  readonly truncated: boolean;
}

interface EditedRule {
  id: string;
  prefix: string;
  days: string;
  enabled: boolean;
}

const when = (t: Trigger | null) =>
  t === null
    ? ''
    : t.days !== null
      ? `${plural(t.days, 'day')} after`
      : t.date !== null
        ? `on ${t.date.slice(0, 10)}`
        : `created before ${t.createdBefore?.slice(0, 10) ?? ''}`;

function describe(r: Rule): string {
  const what: string[] = [];
  if (r.abortIncompleteUploads !== null) what.push(`abort incomplete uploads ${when(r.abortIncompleteUploads)} initiation`);
  if (r.expiration !== null) what.push(`expire objects ${when(r.expiration)}`);
  for (const t of r.transitions) what.push(`move to ${t.storageClass} ${when(t)}`);
  return what.join('; ');
}

/** The bucket's lifecycle rules, an editor for the common abort rule, and the engine's dry run of them. */
export function LifecyclePanel({ bucket, can }: { bucket: string; can: (action: string) => boolean }) {
  const config = useLoad(() => get<{ rules: Rule[]; nextPassAt: string | null }>(path('buckets', bucket, 'lifecycle')), [bucket]);
  const [edited, setEdited] = useState<EditedRule[] | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  const [previewAt, setPreviewAt] = useState<'now' | 'next' | 'date'>('next');
  const [previewDate, setPreviewDate] = useState('');
  useEffect(() => {
    if (config.data !== undefined)
      setEdited(
        config.data.rules
          .filter((r) => r.editable)
          .map((r) => ({ id: r.id, prefix: r.prefix, days: String(r.abortIncompleteUploads?.days ?? 7), enabled: r.enabled })),
      );
  }, [config.data]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (edited === undefined) return;
    setError(undefined);
    setSaved(undefined);
    try {
      await put(path('buckets', bucket, 'lifecycle', 'abort-rules'), {
        rules: edited.map((r) => ({ id: r.id.trim(), prefix: r.prefix, days: Number(r.days), enabled: r.enabled })),
      });
      setSaved('Rules saved. The next lifecycle pass applies them.');
      setPreview(undefined);
      config.reload();
    } catch (err) {
      setError(err);
    }
  };
  const runPreview = async () => {
    setError(undefined);
    try {
      const at =
        previewAt === 'next'
          ? config.data?.nextPassAt
          : previewAt === 'date' && previewDate !== ''
            ? new Date(`${previewDate}T00:00:00Z`).toISOString()
            : null;
      setPreview(await get<Preview>(withQuery(path('buckets', bucket, 'lifecycle', 'preview'), { at: at ?? undefined })));
    } catch (err) {
      setError(err);
    }
  };
  const change = (i: number, patch: Partial<EditedRule>) => setEdited((list) => list?.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const others = config.data?.rules.filter((r) => !r.editable) ?? [];
  const mayEdit = can('s3:PutLifecycleConfiguration');

  return (
    <div class="panel" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">Lifecycle</h2>
      <p class="hint">
        Lifecycle passes run on the server
        {config.data?.nextPassAt != null && (
          <>
            ; the next one at <span title={exactTime(config.data.nextPassAt)}>{new Date(config.data.nextPassAt).toLocaleString()}</span>
          </>
        )}
        .
      </p>
      <ErrorNotice error={error ?? config.error} />
      {saved !== undefined && <Notice kind="ok">{saved}</Notice>}
      {config.data === undefined || edited === undefined ? (
        config.error === undefined && <Loading />
      ) : (
        <>
          <form onSubmit={(e) => void save(e)} aria-labelledby="abort-rules-title">
            <h3 id="abort-rules-title">Abort incomplete uploads</h3>
            {edited.length === 0 && <p>No rule aborts incomplete uploads yet.</p>}
            {edited.map((r, i) => (
              <fieldset key={i} class="rule">
                <legend>Rule {i + 1}</legend>
                <label for={`rule-id-${i}`}>Rule ID</label>
                <input
                  id={`rule-id-${i}`}
                  required
                  maxLength={255}
                  value={r.id}
                  onInput={(e) => change(i, { id: e.currentTarget.value })}
                />
                <label for={`rule-prefix-${i}`}>Key prefix (empty: the whole bucket)</label>
                <input id={`rule-prefix-${i}`} value={r.prefix} onInput={(e) => change(i, { prefix: e.currentTarget.value })} />
                <label for={`rule-days-${i}`}>Days after initiation</label>
                <input
                  id={`rule-days-${i}`}
                  type="number"
                  min={1}
                  max={36500}
                  required
                  value={r.days}
                  onInput={(e) => change(i, { days: e.currentTarget.value })}
                />
                <label class="check-label">
                  <input type="checkbox" checked={r.enabled} onChange={(e) => change(i, { enabled: e.currentTarget.checked })} /> Enabled
                </label>
                <button type="button" class="small" onClick={() => setEdited(edited.filter((_, j) => j !== i))}>
                  Remove rule
                </button>
              </fieldset>
            ))}
            <div class="actions">
              <button
                type="button"
                onClick={() =>
                  setEdited([...edited, { id: `abort-incomplete-${edited.length + 1}`, prefix: '', days: '7', enabled: true }])
                }
              >
                Add rule
              </button>
              <button type="submit" class="primary" disabled={!mayEdit}>
                Save rules
              </button>
            </div>
          </form>
          {others.length > 0 && (
            <>
              <h3>Other rules</h3>
              <ul class="rules">
                {others.map((r) => (
                  <li key={r.id}>
                    <strong>{r.id}</strong> ({r.enabled ? 'enabled' : 'disabled'}){r.prefix !== '' && <> for “{r.prefix}”</>}: {describe(r)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Preview</h3>
          <div class="toolbar">
            <label for="preview-at">Evaluate</label>
            <select id="preview-at" value={previewAt} onChange={(e) => setPreviewAt(e.currentTarget.value as 'now' | 'next' | 'date')}>
              <option value="next">as of the next pass</option>
              <option value="now">as of now</option>
              <option value="date">as of a date (00:00 UTC)</option>
            </select>
            {previewAt === 'date' && (
              <>
                <label for="preview-date">Date</label>
                <input id="preview-date" type="date" value={previewDate} onInput={(e) => setPreviewDate(e.currentTarget.value)} />
              </>
            )}
            <button type="button" onClick={() => void runPreview()}>
              Preview
            </button>
          </div>
          {preview !== undefined && (
            <div class="preview" aria-live="polite">
              <p>
                A pass as of <span title={exactTime(preview.evaluatedAt)}>{new Date(preview.evaluatedAt).toLocaleString()}</span> would
                abort <strong>{plural(preview.totals.uploadsAborted, 'incomplete upload')}</strong>, freeing{' '}
                <strong>{plural(preview.totals.partsFreed, 'part')}</strong> and <strong>{formatBytes(preview.totals.bytesFreed)}</strong>
                {preview.totals.objectsExpired > 0 && (
                  <>
                    , and expire {plural(preview.totals.objectsExpired, 'object')} ({formatBytes(preview.totals.bytesExpired)})
                  </>
                )}
                .
              </p>
              {preview.actions.length > 0 && (
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Action</th>
                        <th scope="col">Key</th>
                        <th scope="col">Rule</th>
                        <th scope="col" class="num">
                          Parts
                        </th>
                        <th scope="col" class="num">
                          Bytes
                        </th>
                        <th scope="col">Due</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.actions.slice(0, 100).map((a, i) => (
                        <tr key={i}>
                          <td>{a.kind}</td>
                          <th scope="row" class="key">
                            {a.key}
                          </th>
                          <td>{a.rule}</td>
                          <td class="num">{a.parts ?? '-'}</td>
                          <td class="num">
                            <Bytes n={a.bytes} />
                          </td>
                          <td>
                            <Age iso={a.dueAt} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {(preview.truncated || preview.actions.length > 100) && (
                <p class="hint">Only the first actions are listed; the totals count all of them.</p>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
