import { homedir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../usage-error.js';
import { readIni } from './ini-file.js';

export type Dialect = 's3' | 'oss';

/** Where requests go and how they are signed, resolved as the aws CLI does (flags, environment, profile files). */
export interface EndpointSettings {
  readonly dialect: Dialect;
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** OSS only: V1 (HMAC-SHA1) signatures instead of V4. */
  readonly ossSignatureVersion: 'v1' | 'v4';
  /** Path style (`host/bucket/key`) or virtual-hosted (`bucket.host/key`). */
  readonly addressing: 'path' | 'virtual';
  /** Which profile the settings came from, for messages. */
  readonly profile: string;
}

export interface EndpointFlags {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  readonly accessKey?: string | undefined;
  readonly secretKey?: string | undefined;
  readonly ossV1?: boolean | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_ENDPOINT = 'http://127.0.0.1:9000';

/**
 * Settings for one dialect. Precedence: flags, then the environment, then the profile's entries in
 * ~/.aws/credentials and ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE). An explicit
 * --profile beats credentials in the environment, as in the aws CLI. oss:// reads OSS_ACCESS_KEY_ID,
 * OSS_ACCESS_KEY_SECRET, OSS_ENDPOINT and OSS_REGION first.
 */
export function resolveEndpoint(dialect: Dialect, flags: EndpointFlags, rawEnv: Env): EndpointSettings {
  // An empty variable counts as unset, as in the aws CLI.
  const env: Env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ''));
  const explicitProfile = flags.profile;
  const profile = explicitProfile ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
  const home = env.HOME ?? homedir();
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials');
  const configFile = env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config');
  const credentials = readIni(credentialsFile).get(profile);
  const configSections = readIni(configFile);
  const config = configSections.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? configSections.get(profile);
  const fromProfile = (key: string) => credentials?.get(key) ?? config?.get(key);
  if (explicitProfile !== undefined && credentials === undefined && config === undefined) {
    throw new UsageError(`the profile '${profile}' is in neither ${credentialsFile} nor ${configFile}`);
  }

  const oss = dialect === 'oss';
  const envKey = oss ? (env.OSS_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID) : env.AWS_ACCESS_KEY_ID;
  const envSecret = oss ? (env.OSS_ACCESS_KEY_SECRET ?? env.AWS_SECRET_ACCESS_KEY) : env.AWS_SECRET_ACCESS_KEY;
  const useEnv = explicitProfile === undefined && envKey !== undefined && envSecret !== undefined;
  const accessKeyId = flags.accessKey ?? (useEnv ? envKey : undefined) ?? fromProfile('aws_access_key_id') ?? env.CAIRN_ROOT_ACCESS_KEY;
  const secretAccessKey =
    flags.secretKey ?? (useEnv ? envSecret : undefined) ?? fromProfile('aws_secret_access_key') ?? env.CAIRN_ROOT_SECRET_KEY;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new UsageError(
      oss
        ? 'credentials needed: --access-key and --secret-key, OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or a profile in ~/.aws/credentials'
        : 'credentials needed: --access-key and --secret-key, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials',
    );
  }
  const sessionToken = flags.accessKey !== undefined ? undefined : useEnv ? env.AWS_SESSION_TOKEN : fromProfile('aws_session_token');

  const endpoint =
    flags.endpoint ??
    (oss ? env.OSS_ENDPOINT : env.AWS_ENDPOINT_URL_S3) ??
    env.AWS_ENDPOINT_URL ??
    config?.get(oss ? 'oss.endpoint_url' : 's3.endpoint_url') ??
    config?.get('endpoint_url') ??
    env.CAIRN_ENDPOINT ??
    DEFAULT_ENDPOINT;
  const region =
    flags.region ??
    (oss ? env.OSS_REGION : undefined) ??
    env.AWS_REGION ??
    env.AWS_DEFAULT_REGION ??
    config?.get('region') ??
    (oss ? 'cn-hangzhou' : 'us-east-1');
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`);
  } catch {
    throw new UsageError(`the endpoint '${endpoint}' is not a URL`);
  }
  const style = config?.get('s3.addressing_style');
  const host = url.hostname;
  const addressing =
    style === 'virtual' || (style !== 'path' && (host.endsWith('.amazonaws.com') || host.endsWith('.aliyuncs.com'))) ? 'virtual' : 'path';
  return {
    dialect,
    endpoint: url.origin,
    region: region.replace(/^oss-/, ''),
    accessKeyId,
    secretAccessKey,
    ...(sessionToken === undefined ? {} : { sessionToken }),
    ossSignatureVersion: flags.ossV1 === true ? 'v1' : 'v4',
    addressing,
    profile,
  };
}
