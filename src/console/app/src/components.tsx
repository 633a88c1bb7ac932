import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { exactTime, formatAge, formatBytes } from './format';

export function Bytes({ n }: { n: number }) {
  return <span title={`${n.toLocaleString()} bytes`}>{formatBytes(n)}</span>;
}

/** "3 days ago", with the exact time on hover (and for screen readers, in a <time> element). */
export function Age({ iso }: { iso: string | null }) {
  if (iso === null) return <span>-</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {formatAge(iso)}
    </time>
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unexpected error.';
  const code = error instanceof ApiError ? error.code : 'Error';
  return (
    <div class="notice error" role="alert">
      <strong>{code === 'AccessDenied' ? 'Not allowed' : 'Something went wrong'}:</strong> {message}
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'info' | 'ok' | 'warn'; children: ComponentChildren }) {
  return (
    <div class={`notice ${kind}`} role="status">
      {children}
    </div>
  );
}

export interface ConfirmRequest {
  readonly title: string;
  readonly body: ComponentChildren;
  readonly confirmLabel: string;
  readonly danger?: boolean;
}

/**
 * A modal confirmation (the native <dialog>: focus moves into it, Escape cancels, the page behind is
 * inert). Resolves true only when the confirm button is pressed.
 */
export function useConfirm(): [(r: ConfirmRequest) => Promise<boolean>, ComponentChildren] {
  const [req, setReq] = useState<(ConfirmRequest & { resolve: (ok: boolean) => void }) | undefined>(undefined);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (req !== undefined && d !== null && !d.open) d.showModal();
  }, [req]);
  const close = (ok: boolean) => {
    ref.current?.close();
    req?.resolve(ok);
    setReq(undefined);
  };
  const ask = (r: ConfirmRequest) => new Promise<boolean>((resolve) => setReq({ ...r, resolve }));
  const dialog =
    req === undefined ? null : (
      <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" onCancel={() => close(false)}>
        <h2 id="confirm-title">{req.title}</h2>
        <div class="confirm-body">{req.body}</div>
        <div class="actions">
          <button type="button" onClick={() => close(false)} autofocus>
            Cancel
          </button>
          <button type="button" class={req.danger === true ? 'danger' : 'primary'} onClick={() => close(true)}>
            {req.confirmLabel}
          </button>
        </div>
      </dialog>
    );
  return [ask, dialog];
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max <= 0 ? 100 : Math.min(100, (value / max) * 100);
  return (
    <div class="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <div class="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" aria-live="polite">
      Loading…
    </p>
  );
}

/** Loads something on mount and whenever `deps` change; `reload` fetches again. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): { data: T | undefined; error: unknown; reload: () => void; loading: boolean } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
