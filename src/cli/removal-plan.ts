import type { CommandContext } from './command-context.js';
import { formatBytes } from './print-table.js';
import { UsageError } from './usage-error.js';

/** One thing a destructive command removes, and the bytes that frees. */
export interface Removal {
  readonly kind: 'object' | 'upload' | 'bucket';
  readonly url: string;
  readonly bytes: number;
  readonly uploadId?: string;
  readonly parts?: number;
}

export interface RemovalReport {
  readonly dryRun: boolean;
  readonly removed: readonly Removal[];
  readonly totals: {
    readonly objects: number;
    readonly uploads: number;
    readonly parts: number;
    readonly bytes: number;
    readonly buckets: number;
  };
}

/** The user said no at the prompt: nothing was changed. */
export class Declined extends Error {
  override readonly name = 'Declined';
}

export function report(dryRun: boolean, removed: readonly Removal[]): RemovalReport {
  const t = { objects: 0, uploads: 0, parts: 0, bytes: 0, buckets: 0 };
  for (const r of removed) {
    if (r.kind === 'object') t.objects++;
    if (r.kind === 'upload') t.uploads++;
    if (r.kind === 'bucket') t.buckets++;
    t.parts += r.parts ?? 0;
    t.bytes += r.bytes;
  }
  return { dryRun, removed, totals: t };
}

/**
 * A removal with no narrowing (no prefix, no age) asks first: on a terminal a y/N question, otherwise
 * it needs --yes. A dry run never asks: it changes nothing.
 */
export async function confirmBroad(
  ctx: CommandContext,
  values: { yes?: boolean | undefined; 'dry-run'?: boolean | undefined },
  question: string,
  usage: string,
): Promise<void> {
  if (values['dry-run'] === true || values.yes === true) return;
  if (!ctx.stdinIsTTY) {
    throw new UsageError(
      `${question}: this removes everything it matches; pass --yes to confirm (or narrow it, or try --dry-run first)`,
      usage,
    );
  }
  if (!(await ctx.ask(`${question}? [y/N] `))) throw new Declined('nothing was changed');
}

/** Every line a dry run or a removal prints, then the totals. */
export function printRemovals(ctx: CommandContext, r: RemovalReport, json: boolean): void {
  if (json) {
    ctx.out(JSON.stringify(r));
    return;
  }
  const verb = (kind: Removal['kind']) => (kind === 'upload' ? 'abort' : kind === 'bucket' ? 'remove bucket' : 'delete');
  const past = (kind: Removal['kind']) => (kind === 'upload' ? 'aborted' : kind === 'bucket' ? 'removed bucket' : 'deleted');
  for (const x of r.removed) {
    const detail =
      x.kind === 'upload'
        ? `  upload ${x.uploadId ?? ''}  ${x.parts ?? 0} part(s)  ${formatBytes(x.bytes)}`
        : x.kind === 'object'
          ? `  ${formatBytes(x.bytes)}`
          : '';
    ctx.out(`${r.dryRun ? `(dry run) would ${verb(x.kind)}` : past(x.kind)}: ${x.url}${detail}`);
  }
  const t = r.totals;
  const what = [
    t.objects > 0 || (t.uploads === 0 && t.buckets === 0) ? `${t.objects} object(s)` : '',
    t.uploads > 0 ? `${t.uploads} upload(s) (${t.parts} part(s))` : '',
    t.buckets > 0 ? `${t.buckets} bucket(s)` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  ctx.out(
    r.dryRun
      ? `Dry run: would remove ${what}, freeing ${formatBytes(t.bytes)} (${t.bytes} bytes). Nothing was changed.`
      : `Removed ${what}, freed ${formatBytes(t.bytes)} (${t.bytes} bytes).`,
  );
}
