import { findBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import { StorageError } from '../../../core/errors.js';
import { json } from '../json/response-json.js';
import { readJsonBody, requiredString } from '../json/request-json.js';
import { arnOf, empty, requireVault, type GlacierHandlerContext, type GlacierHandlerTable } from './handler-context.js';

/** Stored configuration documents (JSON of our own shapes, never the wire body). */
interface PolicyConfig {
  readonly document: string;
}
interface NotificationConfig {
  readonly topic: string;
  readonly events: readonly string[];
}
type TagsConfig = readonly { readonly key: string; readonly value: string }[];

const MAX_POLICY_BYTES = 20 * 1024;
const MAX_TAGS = 50;
const NOTIFICATION_EVENTS = ['ArchiveRetrievalCompleted', 'InventoryRetrievalCompleted'];

export const vaultConfigHandlers: GlacierHandlerTable = {
  SetVaultAccessPolicy: async (h) => {
    const document = policyDocument(await readJsonBody(h));
    await putBucketConfig(h.ctx, requireVault(h), 'policy', { document } satisfies PolicyConfig);
    return empty(204);
  },
  GetVaultAccessPolicy: async (h, e) => {
    const config = await findBucketConfig<PolicyConfig>(h.ctx, requireVault(h), 'policy');
    if (config === undefined) throw notFound(h, e.vaultName, 'policy', 'No vault access policy is set for');
    return json(200, { Policy: config.document });
  },
  DeleteVaultAccessPolicy: async (h) => {
    await putBucketConfig(h.ctx, requireVault(h), 'policy', null);
    return empty(204);
  },

  SetVaultNotifications: async (h) => {
    const body = await readJsonBody(h);
    const topic = requiredString(body, 'SNSTopic');
    const events = body.Events;
    if (!Array.isArray(events) || events.length === 0) {
      throw new StorageError('MissingParameter', 'Required parameter missing: Events', { ParameterName: 'Events' });
    }
    for (const event of events) {
      if (typeof event !== 'string' || !NOTIFICATION_EVENTS.includes(event)) {
        throw new StorageError('InvalidArgument', `Invalid event: ${String(event)}. Events are ${NOTIFICATION_EVENTS.join(' and ')}.`, {
          ArgumentName: 'Events',
        });
      }
    }
    await putBucketConfig(h.ctx, requireVault(h), 'notifications', {
      topic,
      events: [...new Set(events as string[])],
    } satisfies NotificationConfig);
    return empty(204);
  },
  GetVaultNotifications: async (h, e) => {
    const config = await findBucketConfig<NotificationConfig>(h.ctx, requireVault(h), 'notifications');
    if (config === undefined) throw notFound(h, e.vaultName, 'notifications', 'No notification configuration is set for');
    return json(200, { SNSTopic: config.topic, Events: config.events });
  },
  DeleteVaultNotifications: async (h) => {
    await putBucketConfig(h.ctx, requireVault(h), 'notifications', null);
    return empty(204);
  },

  AddTagsToVault: async (h) => {
    const vault = requireVault(h);
    const body = await readJsonBody(h);
    const added = parseTags(body.Tags);
    const tags = new Map(((await findBucketConfig<TagsConfig>(h.ctx, vault, 'tags')) ?? []).map((t) => [t.key, t.value]));
    for (const [key, value] of added) tags.set(key, value);
    if (tags.size > MAX_TAGS) {
      throw new StorageError('LimitExceeded', `The vault would have ${tags.size} tags; the limit is ${MAX_TAGS}.`);
    }
    await putBucketConfig(h.ctx, vault, 'tags', [...tags].map(([key, value]) => ({ key, value })) satisfies TagsConfig);
    return empty(204);
  },
  ListTagsForVault: async (h) => {
    const tags = (await findBucketConfig<TagsConfig>(h.ctx, requireVault(h), 'tags')) ?? [];
    return json(200, { Tags: Object.fromEntries(tags.map((t) => [t.key, t.value])) });
  },
  RemoveTagsFromVault: async (h) => {
    const vault = requireVault(h);
    const keys = (await readJsonBody(h)).TagKeys ?? [];
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
      throw new StorageError('InvalidArgument', 'TagKeys must be a list of strings.', { ArgumentName: 'TagKeys' });
    }
    const remove = new Set(keys as string[]);
    const tags = ((await findBucketConfig<TagsConfig>(h.ctx, vault, 'tags')) ?? []).filter((t) => !remove.has(t.key));
    await putBucketConfig(h.ctx, vault, 'tags', tags.length === 0 ? null : tags);
    return empty(204);
  },
};

/** The `Policy` member: a JSON policy document as a string, at most 20 KB. */
export function policyDocument(body: Record<string, unknown>): string {
  const document = requiredString(body, 'Policy');
  if (Buffer.byteLength(document) > MAX_POLICY_BYTES) {
    throw new StorageError('InvalidArgument', `The policy exceeds ${MAX_POLICY_BYTES} bytes.`, { ArgumentName: 'Policy' });
  }
  try {
    JSON.parse(document);
  } catch {
    throw new StorageError('InvalidArgument', 'The policy is not a valid JSON document.', { ArgumentName: 'Policy' });
  }
  return document;
}

function parseTags(value: unknown): Map<string, string> {
  if (value === undefined || value === null)
    throw new StorageError('MissingParameter', 'Required parameter missing: Tags', { ParameterName: 'Tags' });
  if (typeof value !== 'object' || Array.isArray(value))
    throw new StorageError('InvalidArgument', 'Tags must be a map of keys to values.', { ArgumentName: 'Tags' });
  const tags = new Map<string, string>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new StorageError('InvalidTag', `The value of tag ${key} must be a string.`);
    if (key.length < 1 || key.length > 128) throw new StorageError('InvalidTag', `Tag keys are 1 to 128 characters: ${key}`);
    if (v.length > 256) throw new StorageError('InvalidTag', `Tag values are at most 256 characters (tag ${key}).`);
    if (key.toLowerCase().startsWith('aws:')) throw new StorageError('InvalidTag', `Tag keys starting with aws: are reserved: ${key}`);
    tags.set(key, v);
  }
  if (tags.size === 0) throw new StorageError('MissingParameter', 'Required parameter missing: Tags', { ParameterName: 'Tags' });
  return tags;
}

function notFound(h: GlacierHandlerContext, vaultName: string, configuration: string, what: string): StorageError {
  return new StorageError('NoSuchConfiguration', `${what}: ${arnOf(h, vaultName)}`, { Configuration: configuration });
}
