import type { Dialect } from './remote/endpoint-settings.js';
import { escapeXml, list, parseXml, text, child } from './remote/xml.js';

/** A lifecycle rule as `lifecycle get` shows it, whichever dialect wrote it. */
export interface RuleSummary {
  readonly id: string;
  readonly status: string;
  readonly prefix: string;
  readonly abortIncompleteAfterDays: number | null;
  readonly expireAfterDays: number | null;
  readonly transitions: string[];
}

export function summarizeRules(xml: string): RuleSummary[] {
  const root = parseXml(xml).LifecycleConfiguration;
  return list(root, 'Rule').map((r) => {
    const filter = child(r, 'Filter');
    const prefix = text(r, 'Prefix') ?? text(filter, 'Prefix') ?? text(child(filter, 'And'), 'Prefix') ?? '';
    const abort = text(child(r, 'AbortIncompleteMultipartUpload'), 'DaysAfterInitiation') ?? text(child(r, 'AbortMultipartUpload'), 'Days');
    const expire = text(child(r, 'Expiration'), 'Days');
    return {
      id: text(r, 'ID') ?? '',
      status: text(r, 'Status') ?? '',
      prefix,
      abortIncompleteAfterDays: abort === undefined ? null : Number(abort),
      expireAfterDays: expire === undefined ? null : Number(expire),
      transitions: list(r, 'Transition').map((t) => `${text(t, 'Days') ?? text(t, 'Date') ?? '?'}d -> ${text(t, 'StorageClass') ?? '?'}`),
    };
  });
}

/** The common rule: abort uploads still incomplete `days` after they were initiated. */
export function abortRuleXml(dialect: Dialect, id: string, prefix: string, days: number): string {
  const head = `<Rule><ID>${escapeXml(id)}</ID>`;
  return dialect === 'oss'
    ? `${head}<Prefix>${escapeXml(prefix)}</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>${days}</Days></AbortMultipartUpload></Rule>`
    : `${head}<Filter><Prefix>${escapeXml(prefix)}</Prefix></Filter><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>${days}</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>`;
}

/**
 * The bucket's document with `rule` added, or put in place of the rule with the same ID: the other
 * rules are kept as they were (a PUT replaces the whole configuration).
 */
export function withRule(existing: string | undefined, id: string, rule: string): string {
  const rules = existing === undefined ? [] : (existing.match(/<Rule>[\s\S]*?<\/Rule>/g) ?? []);
  const kept = rules.filter((r) => (/<ID>([\s\S]*?)<\/ID>/.exec(r)?.[1] ?? '') !== escapeXml(id));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<LifecycleConfiguration>${[...kept, rule].join('')}</LifecycleConfiguration>`;
}

/** `7d` or `7`: whole days, as lifecycle rules count them. */
export function parseDays(text: string): number | undefined {
  const m = /^(\d+)d?$/.exec(text.trim());
  return m === null ? undefined : Number(m[1]);
}
