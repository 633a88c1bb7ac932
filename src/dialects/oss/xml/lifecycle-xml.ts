import { randomUUID } from 'node:crypto';
import { StorageError } from '../../../core/errors.js';
import type {
  LifecycleConfiguration,
  LifecycleFilter,
  LifecycleRule,
  LifecycleTransition,
  LifecycleTrigger,
} from '../../../core/lifecycle/lifecycle-rules.js';
import type { StorageClass } from '../../../core/types.js';
import {
  childrenNamed,
  el,
  expectRoot,
  malformedXml,
  optionalChild,
  optionalEl,
  parseXml,
  requiredChild,
  xmlDocument,
  type XmlElement,
  type XmlNode,
} from '../../common/xml.js';
import { ossTimestamp } from '../headers/object-headers.js';
import { ossStorageClassName, parseOssStorageClass } from '../headers/storage-class.js';

export const MAX_LIFECYCLE_RULES = 1000;

/** Transition targets in the order their Days must grow. */
const transitionOrder: readonly StorageClass[] = ['infrequent-access', 'archive', 'cold-archive', 'deep-cold-archive'];

/**
 * OSS's LifecycleConfiguration XML into the core's rule model (core/lifecycle/lifecycle-rules.ts): Prefix,
 * Status, Tag and Filter's object sizes become the filter; Expiration, Transition and AbortMultipartUpload
 * (Days or CreatedBeforeDate) the actions. Elements may come in any order (ali-oss puts ID last).
 *
 * MalformedXML for what does not fit the schema; InvalidArgument for what OSS refuses on meaning (no
 * action, Days not a positive integer, a date not at midnight UTC, transitions out of order, Tag with
 * AbortMultipartUpload, overlapping AbortMultipartUpload prefixes, duplicate IDs); NotImplemented for
 * versioning-only actions (buckets are unversioned), `Not` filters and access-time transitions.
 */
export function parseOssLifecycle(xml: string): LifecycleConfiguration {
  const root = expectRoot(parseXml(xml), 'LifecycleConfiguration');
  const ruleNodes = childrenNamed(root, 'Rule');
  if (ruleNodes.length === 0) throw malformedXml();
  if (ruleNodes.length > MAX_LIFECYCLE_RULES)
    throw invalid(`A lifecycle configuration holds at most ${MAX_LIFECYCLE_RULES} rules.`, 'Rule');
  const rules = ruleNodes.map(parseRule);
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw invalid(`Rule ID ${r.id} is used twice.`, 'ID', r.id);
    ids.add(r.id);
  }
  checkAbortPrefixesDisjoint(rules);
  return { rules };
}

function parseRule(node: XmlNode): LifecycleRule {
  for (const name of ['NoncurrentVersionExpiration', 'NoncurrentVersionTransition']) {
    if (optionalChildren(node, name)) throw notImplemented(`${name} needs versioning, which Cairn buckets do not have.`);
  }
  if (optionalChild(node, 'AtimeBase') !== undefined) throw notImplemented('Access-time based lifecycle rules are not supported.');
  const rawId = optionalChild(node, 'ID')?.text.trim() ?? '';
  if (Buffer.byteLength(rawId) > 255) throw invalid('A rule ID is at most 255 bytes.', 'ID', rawId);
  const id = rawId === '' ? randomUUID() : rawId;
  const prefix = requiredChild(node, 'Prefix').text;
  const status = requiredChild(node, 'Status').text.trim();
  if (status !== 'Enabled' && status !== 'Disabled') throw malformedXml();
  const tags = childrenNamed(node, 'Tag').map((t) => ({ key: requiredChild(t, 'Key').text, value: requiredChild(t, 'Value').text }));
  const filter: LifecycleFilter = { prefix, ...(tags.length > 0 ? { tags } : {}), ...sizeFilter(optionalChild(node, 'Filter')) };

  const expirationNode = optionalChild(node, 'Expiration');
  const abortNode = optionalChild(node, 'AbortMultipartUpload');
  const transitionNodes = childrenNamed(node, 'Transition');
  if (expirationNode === undefined && abortNode === undefined && transitionNodes.length === 0) {
    throw invalid(`Rule ${id} has no action: give it Expiration, Transition or AbortMultipartUpload.`, 'Rule', id);
  }
  if (abortNode !== undefined && tags.length > 0) {
    throw invalid('A rule with AbortMultipartUpload cannot filter by Tag: parts have no tags.', 'Tag', id);
  }
  const expiration = expirationNode === undefined ? undefined : parseExpiration(expirationNode);
  const abort = abortNode === undefined ? undefined : parseTrigger(abortNode, 'AbortMultipartUpload', false);
  const transitions = transitionNodes.map(parseTransition);
  checkTransitionOrder(id, transitions, expiration);
  return {
    id,
    enabled: status === 'Enabled',
    filter,
    ...(abort === undefined ? {} : { abortIncompleteUploads: abort }),
    ...(expiration === undefined ? {} : { expiration }),
    ...(transitions.length === 0 ? {} : { transitions }),
  };
}

function optionalChildren(node: XmlNode, name: string): boolean {
  return childrenNamed(node, name).length > 0;
}

function sizeFilter(filter: XmlNode | undefined): Pick<LifecycleFilter, 'objectSizeGreaterThan' | 'objectSizeLessThan'> {
  if (filter === undefined) return {};
  if (optionalChild(filter, 'Not') !== undefined) throw notImplemented('Lifecycle filters with Not are not supported.');
  const size = (name: string): number | undefined => {
    const text = optionalChild(filter, name)?.text.trim();
    if (text === undefined) return undefined;
    if (!/^\d{1,16}$/.test(text)) throw invalid(`${name} must be a non-negative integer.`, name, text);
    return Number(text);
  };
  const greater = size('ObjectSizeGreaterThan');
  const less = size('ObjectSizeLessThan');
  return {
    ...(greater === undefined ? {} : { objectSizeGreaterThan: greater }),
    ...(less === undefined ? {} : { objectSizeLessThan: less }),
  };
}

function parseExpiration(node: XmlNode): LifecycleTrigger {
  if (optionalChild(node, 'ExpiredObjectDeleteMarker') !== undefined) {
    throw notImplemented('ExpiredObjectDeleteMarker needs versioning, which Cairn buckets do not have.');
  }
  return parseTrigger(node, 'Expiration', true);
}

/** Exactly one of Days, CreatedBeforeDate (and, for Expiration, the legacy Date). */
function parseTrigger(node: XmlNode, action: string, allowDate: boolean): LifecycleTrigger {
  const days = optionalChild(node, 'Days')?.text.trim();
  const before = optionalChild(node, 'CreatedBeforeDate')?.text.trim();
  const date = allowDate ? optionalChild(node, 'Date')?.text.trim() : undefined;
  const given = [days, before, date].filter((v) => v !== undefined).length;
  if (given !== 1) throw invalid(`${action} takes exactly one of Days or CreatedBeforeDate.`, action);
  if (days !== undefined) {
    if (!/^[1-9]\d{0,5}$/.test(days)) throw invalid(`${action} Days must be a positive integer.`, 'Days', days);
    return { days: Number(days) };
  }
  if (before !== undefined) return { createdBefore: midnight(before, 'CreatedBeforeDate') };
  return { date: midnight(date ?? '', 'Date') };
}

function parseTransition(node: XmlNode): LifecycleTransition {
  if (optionalChild(node, 'IsAccessTime')?.text.trim() === 'true') throw notImplemented('Access-time based transitions are not supported.');
  const storageClass = parseOssStorageClass(requiredChild(node, 'StorageClass').text, 'StorageClass');
  if (storageClass === undefined || storageClass === 'standard') {
    throw invalid('A transition goes to IA, Archive, ColdArchive or DeepColdArchive.', 'StorageClass', 'Standard');
  }
  return { ...parseTrigger(node, 'Transition', false), storageClass };
}

/** `2024-01-01T00:00:00.000Z`: OSS dates in lifecycle rules are midnights UTC. */
function midnight(text: string, name: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T00:00:00(?:\.000)?Z$/.exec(text);
  const ms = m === null ? NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text.slice(0, 10)) {
    throw invalid(`${name} must be an ISO 8601 date at midnight UTC, like 2024-01-01T00:00:00.000Z.`, name, text);
  }
  return ms;
}

/** Transitions go colder as Days grow, and expiration comes after every transition. */
function checkTransitionOrder(id: string, transitions: readonly LifecycleTransition[], expiration: LifecycleTrigger | undefined): void {
  const seen = new Set<StorageClass>();
  for (const t of transitions) {
    if (seen.has(t.storageClass))
      throw invalid(`Rule ${id} has two transitions to ${ossStorageClassName(t.storageClass)}.`, 'Transition', id);
    seen.add(t.storageClass);
  }
  const byDays = transitions
    .filter((t) => t.days !== undefined)
    .sort((a, b) => transitionOrder.indexOf(a.storageClass) - transitionOrder.indexOf(b.storageClass));
  for (let i = 1; i < byDays.length; i++) {
    if ((byDays[i]?.days ?? 0) <= (byDays[i - 1]?.days ?? 0)) {
      throw invalid(`Rule ${id}: transition Days must grow from IA to Archive to ColdArchive to DeepColdArchive.`, 'Transition', id);
    }
  }
  const last = Math.max(0, ...byDays.map((t) => t.days ?? 0));
  if (expiration?.days !== undefined && byDays.length > 0 && expiration.days <= last) {
    throw invalid(`Rule ${id}: Expiration Days must be greater than every Transition's Days.`, 'Expiration', id);
  }
}

/** OSS refuses two AbortMultipartUpload rules whose prefixes overlap (one a prefix of the other). */
function checkAbortPrefixesDisjoint(rules: readonly LifecycleRule[]): void {
  const prefixes = rules.filter((r) => r.abortIncompleteUploads !== undefined).map((r) => ({ id: r.id, prefix: r.filter.prefix ?? '' }));
  for (let i = 0; i < prefixes.length; i++) {
    for (let j = i + 1; j < prefixes.length; j++) {
      const a = prefixes[i]!;
      const b = prefixes[j]!;
      if (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix)) {
        throw invalid(
          `Rules ${a.id} and ${b.id} both abort multipart uploads on overlapping prefixes.`,
          'Prefix',
          `${a.prefix}|${b.prefix}`,
        );
      }
    }
  }
}

function invalid(message: string, name: string, value?: string): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}

function notImplemented(message: string): StorageError {
  return new StorageError('NotImplemented', message);
}

// --- rendering ------------------------------------------------------------------------------------

/** The core model as OSS's LifecycleConfiguration, whichever dialect stored it. */
export function renderOssLifecycle(config: LifecycleConfiguration): string {
  return xmlDocument(el('LifecycleConfiguration', config.rules.map(renderRule)));
}

function renderRule(rule: LifecycleRule): XmlElement {
  const f = rule.filter;
  const sizes = [optionalEl('ObjectSizeGreaterThan', f.objectSizeGreaterThan), optionalEl('ObjectSizeLessThan', f.objectSizeLessThan)];
  return el('Rule', [
    el('ID', rule.id),
    el('Prefix', f.prefix ?? ''),
    el('Status', rule.enabled ? 'Enabled' : 'Disabled'),
    rule.expiration !== undefined && el('Expiration', trigger(rule.expiration, true)),
    ...(rule.transitions ?? []).map((t) =>
      el('Transition', [...trigger(t, true), el('StorageClass', ossStorageClassName(t.storageClass))]),
    ),
    rule.abortIncompleteUploads !== undefined && el('AbortMultipartUpload', trigger(rule.abortIncompleteUploads, false)),
    ...(f.tags ?? []).map((t) => el('Tag', [el('Key', t.key), el('Value', t.value)])),
    sizes.some((s) => s !== undefined) && el('Filter', sizes),
  ]);
}

function trigger(t: LifecycleTrigger, allowDate: boolean): XmlElement[] {
  if (t.days !== undefined) return [el('Days', t.days)];
  if (t.createdBefore !== undefined) return [el('CreatedBeforeDate', ossTimestamp(t.createdBefore))];
  // An S3 rule's Date: the legacy OSS element oss2 still reads.
  if (t.date !== undefined) return [el(allowDate ? 'Date' : 'CreatedBeforeDate', ossTimestamp(t.date))];
  return [];
}
