import type { OptionDefs, ParsedValues } from './command-args.js';
import type { Env } from './command-context.js';
import { type Dialect, type EndpointSettings, resolveEndpoint } from './remote/endpoint-settings.js';
import { RemoteStore } from './remote/remote-store.js';
import { UsageError } from './usage-error.js';
import { parseDuration } from '../config/parse-duration.js';

/** The flags every client command takes: where to send requests and as whom. */
export const endpointOptions = {
  endpoint: {
    type: 'string',
    value: 'URL',
    help: 'endpoint URL (AWS_ENDPOINT_URL, OSS_ENDPOINT for oss://; default http://127.0.0.1:9000)',
  },
  'endpoint-url': { type: 'string', value: 'URL' },
  profile: { type: 'string', value: 'NAME', help: 'profile of ~/.aws/credentials and ~/.aws/config (AWS_PROFILE)' },
  region: { type: 'string', value: 'REGION', help: 'signing region (AWS_REGION; OSS_REGION for oss://)' },
  'access-key': { type: 'string', value: 'KEY', help: 'access key id (AWS_ACCESS_KEY_ID; OSS_ACCESS_KEY_ID for oss://)' },
  'secret-key': { type: 'string', value: 'SECRET', help: 'secret key (better: AWS_SECRET_ACCESS_KEY or a profile)' },
  'oss-v1': { type: 'boolean', help: 'sign oss:// requests with OSS V1 (HMAC-SHA1) instead of V4' },
} as const satisfies OptionDefs;

export const jsonOption = { json: { type: 'boolean', help: 'print JSON for scripts' } } as const satisfies OptionDefs;

type EndpointValues = ParsedValues<typeof endpointOptions>;

export function settingsFor(dialect: Dialect, values: EndpointValues, env: Env): EndpointSettings {
  return resolveEndpoint(
    dialect,
    {
      endpoint: values.endpoint ?? values['endpoint-url'],
      region: values.region,
      profile: values.profile,
      accessKey: values['access-key'],
      secretKey: values['secret-key'],
      ossV1: values['oss-v1'],
    },
    env,
  );
}

export function storeFor(dialect: Dialect, values: EndpointValues, env: Env): RemoteStore {
  return new RemoteStore(settingsFor(dialect, values, env));
}

/** `7d`, `12h`, `30m`, `90s`; a bare number is seconds. */
export function ageOption(text: string | undefined, flag: string, usage: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms < 0) throw new UsageError(`--${flag} takes a duration like 7d, 12h or 30m, got '${text}'`, usage);
  return ms;
}

/** `8MiB`, `64M`, `5GB`, `1048576`: binary units either way, as the aws CLI reads them. */
export function sizeOption(text: string | undefined, flag: string, usage: string, fallback: number): number {
  if (text === undefined) return fallback;
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (m === null) throw new UsageError(`--${flag} takes a size like 8MiB or 64MB, got '${text}'`, usage);
  const unit = (m[2] ?? 'b').toLowerCase()[0] ?? 'b';
  return Math.round(Number(m[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit] ?? 1));
}

export function intOption(text: string | undefined, flag: string, usage: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${flag} takes a whole number from ${min} to ${max}, got '${text}'`, usage);
  return n;
}
