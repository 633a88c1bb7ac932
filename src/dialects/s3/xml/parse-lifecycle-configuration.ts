import { randomUUID } from 'node:crypto';
import { StorageError } from '../../../core/errors.js';
import type {
  LifecycleConfiguration,
  LifecycleFilter,
  LifecycleRule,
  LifecycleTransition,
  LifecycleTrigger,
  NoncurrentAction,
  NoncurrentTransition,
} from '../../../core/lifecycle/lifecycle-rules.js';
import type { StorageClass } from '../../../core/types.js';
import { childrenNamed, expectRoot, malformedXml, optionalChild, parseXml, requiredChild, type XmlNode } from '../../common/xml.js';

const MAX_RULES = 1000;
const MAX_ID_LENGTH = 255;
const MAX_FILTER_SIZE = 1_099_511_627_776_000;
const DAY_MS = 86_400_000;
/** S3's TransitionStorageClass values, and the core class of those Cairn keeps apart. */
const TRANSITION_CLASSES: Readonly<Record<string, StorageClass | null>> = {
  STANDARD_IA: 'infrequent-access',
  ONEZONE_IA: null,
  INTELLIGENT_TIERING: null,
  GLACIER_IR: 'archive',
  GLACIER: 'cold-archive',
  DEEP_ARCHIVE: 'deep-cold-archive',
};
const THIRTY_DAY_CLASSES = new Set(['STANDARD_IA', 'ONEZONE_IA']);
const RULE_ELEMENTS = new Set([
  'ID',
  'Prefix',
  'Filter',
  'Status',
  'Transition',
  'Expiration',
  'AbortIncompleteMultipartUpload',
  'NoncurrentVersionTransition',
  'NoncurrentVersionExpiration',
]);

/**
 * The body of PutBucketLifecycleConfiguration, checked as S3 checks it, into the core's rule model.
 * Faults of form are MalformedXML; S3's semantic faults are InvalidArgument or InvalidRequest with
 * S3's own messages, including the elements for versioned buckets (NoncurrentVersion*,
 * ExpiredObjectDeleteMarker, NewerNoncurrentVersions). A rule without an ID gets one,
 * as S3 makes them (base64 of a UUID).
 */
export function parseLifecycleConfiguration(xml: string): LifecycleConfiguration {
  const root = expectRoot(parseXml(xml), 'LifecycleConfiguration');
  if (root.children.some((c) => c.name !== 'Rule')) throw malformedXml();
  const given = childrenNamed(root, 'Rule');
  // S3 answered both an empty configuration and 1,127 rules with MalformedXML.
  if (given.length === 0 || given.length > MAX_RULES) throw malformedXml();
  const ids = new Set<string>();
  for (const rule of given) {
    const id = optionalChild(rule, 'ID')?.text;
    if (id === undefined || id === '') continue;
    if ([...id].length > MAX_ID_LENGTH) throw invalidArgument('ID length should not exceed allowed limit of 255', 'ID', id);
    if (ids.has(id)) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule', 'ID', id);
    ids.add(id);
  }
  const v2 = optionalChild(given[0] as XmlNode, 'Filter') !== undefined;
  const rules = given.map((node) => parseRule(node, v2));
  if (!v2) checkOverlappingPrefixes(rules);
  return { rules };
}

function parseRule(node: XmlNode, v2: boolean): LifecycleRule {
  for (const c of node.children) if (!RULE_ELEMENTS.has(c.name)) throw malformedXml();
  const idText = optionalChild(node, 'ID')?.text ?? '';
  const id = idText === '' ? Buffer.from(randomUUID()).toString('base64') : idText;
  const status = requiredChild(node, 'Status').text;
  if (status !== 'Enabled' && status !== 'Disabled') throw malformedXml();
  const prefixNode = optionalChild(node, 'Prefix');
  const filterNode = optionalChild(node, 'Filter');
  if (prefixNode === undefined && filterNode === undefined) throw malformedXml();
  if (prefixNode !== undefined && filterNode !== undefined) throw malformedXml();
  if (prefixNode !== undefined && v2) {
    throw invalidRequest('Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter.');
  }
  if (filterNode !== undefined && !v2) throw invalidRequest('Filter element can only be used in Lifecycle V2.');
  const filter: LifecycleFilter = prefixNode !== undefined ? { prefix: prefixNode.text } : parseFilter(filterNode as XmlNode);

  const expirationNode = optionalChild(node, 'Expiration');
  const transitionNodes = childrenNamed(node, 'Transition');
  const abortNode = optionalChild(node, 'AbortIncompleteMultipartUpload');
  const noncurrentTransitions = childrenNamed(node, 'NoncurrentVersionTransition');
  const noncurrentExpiration = optionalChild(node, 'NoncurrentVersionExpiration');
  if (
    expirationNode === undefined &&
    transitionNodes.length === 0 &&
    abortNode === undefined &&
    noncurrentTransitions.length === 0 &&
    noncurrentExpiration === undefined
  ) {
    throw invalidRequest('At least one action needs to be specified in a rule');
  }
  const usesTags = (filter.tags?.length ?? 0) > 0;
  const usesSizes = filter.objectSizeGreaterThan !== undefined || filter.objectSizeLessThan !== undefined;

  let expiration: LifecycleTrigger | undefined;
  let expiredObjectDeleteMarker: boolean | undefined;
  if (expirationNode !== undefined) {
    const days = optionalChild(expirationNode, 'Days');
    const date = optionalChild(expirationNode, 'Date');
    const marker = optionalChild(expirationNode, 'ExpiredObjectDeleteMarker');
    if (expirationNode.children.some((c) => !['Days', 'Date', 'ExpiredObjectDeleteMarker'].includes(c.name))) throw malformedXml();
    if ([days, date, marker].filter((n) => n !== undefined).length !== 1) throw malformedXml();
    if (days !== undefined) {
      const n = integer(days.text);
      if (n <= 0) throw invalidArgument("'Days' for Expiration action must be a positive integer", 'Days', days.text);
      expiration = { days: n };
    } else if (date !== undefined) {
      expiration = { date: midnight(date.text) };
    } else if (marker !== undefined) {
      if (marker.text !== 'true' && marker.text !== 'false') throw malformedXml();
      if (usesTags) throw invalidRequest('ExpiredObjectDeleteMarker cannot be specified with Tags.');
      if (usesSizes) throw invalidRequest('ExpiredObjectDeleteMarker cannot be specified with Object Size.');
      expiredObjectDeleteMarker = marker.text === 'true';
    }
  }

  let abortIncompleteUploads: LifecycleTrigger | undefined;
  if (abortNode !== undefined) {
    if (abortNode.children.some((c) => c.name !== 'DaysAfterInitiation')) throw malformedXml();
    const days = requiredChild(abortNode, 'DaysAfterInitiation');
    const n = integer(days.text);
    if (n <= 0) {
      throw invalidArgument(
        "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer",
        'DaysAfterInitiation',
        days.text,
      );
    }
    if (usesTags) throw invalidRequest('AbortIncompleteMultipartUpload cannot be specified with Tags.');
    if (usesSizes) throw invalidRequest('AbortIncompleteMultipartUpload cannot be specified with Object Size.');
    abortIncompleteUploads = { days: n };
  }

  const filterName = `'(prefix=${filter.prefix ?? ''})'`;
  const transitions: LifecycleTransition[] = [];
  const seenClasses = new Set<string>();
  let dated = expiration?.date !== undefined;
  let counted = expiration?.days !== undefined;
  for (const t of transitionNodes) {
    if (t.children.some((c) => !['Days', 'Date', 'StorageClass'].includes(c.name))) throw malformedXml();
    const wireClass = requiredChild(t, 'StorageClass').text;
    if (!Object.hasOwn(TRANSITION_CLASSES, wireClass)) throw malformedXml();
    const days = optionalChild(t, 'Days');
    const date = optionalChild(t, 'Date');
    if ((days === undefined) === (date === undefined)) throw malformedXml();
    let trigger: LifecycleTrigger;
    if (days !== undefined) {
      const n = integer(days.text);
      if (n < 0) throw invalidArgument("'Days' in Transition action must be nonnegative", 'Days', days.text);
      if (n < 30 && THIRTY_DAY_CLASSES.has(wireClass)) {
        throw invalidArgument(
          `'Days' in Transition action must be greater than or equal to 30 for storageClass '${wireClass}'`,
          'Days',
          days.text,
        );
      }
      trigger = { days: n };
      counted = true;
    } else {
      trigger = { date: midnight((date as XmlNode).text) };
      dated = true;
    }
    if (seenClasses.has(wireClass)) {
      throw invalidRequest(`'StorageClass' must be different for 'Transition' actions in same 'Rule' with filter ${filterName}`);
    }
    seenClasses.add(wireClass);
    const storageClass = TRANSITION_CLASSES[wireClass];
    if (storageClass === null || storageClass === undefined) {
      throw new StorageError('InvalidStorageClass', 'The storage class you specified is not valid', { StorageClassRequested: wireClass });
    }
    transitions.push({ ...trigger, storageClass });
  }
  if (dated && counted) {
    throw invalidRequest(
      `Found mixed 'Date' and 'Days' based Expiration and Transition actions in lifecycle rule for filter ${filterName}`,
    );
  }
  const noncurrent: NoncurrentTransition[] = [];
  for (const n of noncurrentTransitions) {
    const action = parseNoncurrent(n, 'NoncurrentVersionTransition');
    const wireClass = requiredChild(n, 'StorageClass').text;
    if (!Object.hasOwn(TRANSITION_CLASSES, wireClass)) throw malformedXml();
    const storageClass = TRANSITION_CLASSES[wireClass];
    if (storageClass === null || storageClass === undefined) {
      throw new StorageError('InvalidStorageClass', 'The storage class you specified is not valid', { StorageClassRequested: wireClass });
    }
    if (noncurrent.some((t) => t.storageClass === storageClass)) {
      throw invalidRequest(
        `'StorageClass' must be different for 'NoncurrentVersionTransition' actions in same 'Rule' with filter ${filterName}`,
      );
    }
    noncurrent.push({ ...action, storageClass });
  }
  const noncurrentExpirationAction =
    noncurrentExpiration === undefined ? undefined : parseNoncurrent(noncurrentExpiration, 'NoncurrentVersionExpiration');

  return {
    id,
    enabled: status === 'Enabled',
    filter,
    ...(abortIncompleteUploads === undefined ? {} : { abortIncompleteUploads }),
    ...(expiration === undefined ? {} : { expiration }),
    ...(transitions.length === 0 ? {} : { transitions }),
    ...(expiredObjectDeleteMarker === undefined ? {} : { expiredObjectDeleteMarker }),
    ...(noncurrentExpirationAction === undefined ? {} : { noncurrentExpiration: noncurrentExpirationAction }),
    ...(noncurrent.length === 0 ? {} : { noncurrentTransitions: noncurrent }),
    ...(prefixNode === undefined ? {} : { legacyPrefix: true }),
  };
}

/** A Filter: empty (every object), or exactly one of Prefix, Tag, the two sizes, or And of two or more. */
function parseFilter(node: XmlNode): LifecycleFilter {
  if (node.children.length === 0) return {};
  if (node.children.length > 1) throw malformedXml();
  const only = node.children[0] as XmlNode;
  const filter: { prefix?: string; tags?: { key: string; value: string }[]; objectSizeGreaterThan?: number; objectSizeLessThan?: number } =
    {};
  const predicates = only.name === 'And' ? only.children : [only];
  if (only.name === 'And' && predicates.length < 2) throw malformedXml();
  for (const p of predicates) {
    switch (p.name) {
      case 'Prefix':
        if (filter.prefix !== undefined) throw malformedXml();
        filter.prefix = p.text;
        break;
      case 'Tag': {
        const key = requiredChild(p, 'Key').text;
        const value = requiredChild(p, 'Value').text;
        if (key === '') throw malformedXml();
        filter.tags ??= [];
        if (filter.tags.some((t) => t.key === key)) throw invalidRequest('Duplicate Tag Keys are not allowed.');
        filter.tags.push({ key, value });
        break;
      }
      case 'ObjectSizeGreaterThan':
        if (filter.objectSizeGreaterThan !== undefined) throw malformedXml();
        filter.objectSizeGreaterThan = size(p.text, 0, 'ObjectSizeGreaterThan');
        break;
      case 'ObjectSizeLessThan':
        if (filter.objectSizeLessThan !== undefined) throw malformedXml();
        filter.objectSizeLessThan = size(p.text, 1, 'ObjectSizeLessThan');
        break;
      default:
        throw malformedXml();
    }
  }
  if (
    filter.objectSizeGreaterThan !== undefined &&
    filter.objectSizeLessThan !== undefined &&
    filter.objectSizeGreaterThan >= filter.objectSizeLessThan
  ) {
    throw invalidRequest("'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.");
  }
  return filter;
}

function parseNoncurrent(node: XmlNode, name: string): NoncurrentAction {
  const allowed =
    name === 'NoncurrentVersionTransition'
      ? ['NoncurrentDays', 'StorageClass', 'NewerNoncurrentVersions']
      : ['NoncurrentDays', 'NewerNoncurrentVersions'];
  if (node.children.some((c) => !allowed.includes(c.name))) throw malformedXml();
  const days = optionalChild(node, 'NoncurrentDays');
  if (days === undefined) throw malformedXml();
  const n = integer(days.text);
  if (name === 'NoncurrentVersionExpiration' && n <= 0) {
    throw invalidArgument(
      "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer",
      'NoncurrentDays',
      days.text,
    );
  }
  if (n < 0)
    throw invalidArgument("'NoncurrentDays' in NoncurrentVersionTransition action must be nonnegative", 'NoncurrentDays', days.text);
  const newer = optionalChild(node, 'NewerNoncurrentVersions');
  if (newer === undefined) return { days: n };
  const count = integer(newer.text);
  if (count <= 0 || count > 100) {
    throw invalidArgument(
      `'NewerNoncurrentVersions' in ${name} action must be a positive integer up to 100`,
      'NewerNoncurrentVersions',
      newer.text,
    );
  }
  return { days: n, newerNoncurrentVersions: count };
}

/** Before Lifecycle V2, two rules whose prefixes overlap may not take the same kind of action. */
function checkOverlappingPrefixes(rules: readonly LifecycleRule[]): void {
  const kinds: [string, (r: LifecycleRule) => boolean][] = [
    ['Expiration', (r) => r.expiration !== undefined],
    ['Transition', (r) => (r.transitions?.length ?? 0) > 0],
    ['AbortIncompleteMultipartUpload', (r) => r.abortIncompleteUploads !== undefined],
  ];
  for (const [kind, takes] of kinds) {
    const prefixes = rules
      .filter(takes)
      .map((r) => r.filter.prefix ?? '')
      .sort();
    for (let i = 1; i < prefixes.length; i++) {
      const a = prefixes[i - 1] as string;
      const b = prefixes[i] as string;
      if (b.startsWith(a)) throw invalidRequest(`Found overlapping prefixes '${a}' and '${b}' for same action type '${kind}'`);
    }
  }
}

function integer(text: string): number {
  if (!/^[+-]?\d{1,10}$/.test(text.trim())) throw malformedXml();
  const n = Number(text.trim());
  if (n > 2 ** 31 - 1 || n < -(2 ** 31)) throw malformedXml();
  return n;
}

function size(text: string, min: number, name: string): number {
  if (!/^[+-]?\d{1,20}$/.test(text.trim())) throw malformedXml();
  const n = Number(text.trim());
  if (n < min || n > MAX_FILTER_SIZE) throw invalidRequest(`'${name}' should be between ${min} and ${MAX_FILTER_SIZE}.`);
  return n;
}

/** An ISO 8601 date or date-time; it must be a midnight UTC. */
function midnight(text: string): number {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m === null) throw malformedXml();
  const ms = Date.parse(m[4] === undefined ? `${t}T00:00:00Z` : m[7] === undefined ? `${t}Z` : t);
  if (!Number.isFinite(ms)) throw malformedXml();
  if (ms % DAY_MS !== 0) throw invalidArgument("'Date' must be at midnight GMT", 'Date', text);
  return ms;
}

function invalidArgument(message: string, name: string, value: string): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}

function invalidRequest(message: string): StorageError {
  return new StorageError('InvalidRequest', message);
}
