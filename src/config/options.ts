/**
 * Every setting Cairn reads, in one table: the command-line flag, the environment variable, the default
 * and what it does. `--help` and the README's configuration table are printed from it.
 */
export interface OptionSpec {
  readonly key: string;
  readonly flag: string;
  readonly env: string;
  readonly kind: 'string' | 'integer' | 'list' | 'boolean' | 'duration';
  readonly default: string;
  readonly description: string;
  /** Secrets are read from the environment only, never from flags (they would show in `ps`). */
  readonly envOnly?: boolean;
}

export const optionSpecs = [
  { key: 'host', flag: '--host', env: 'CAIRN_HOST', kind: 'string', default: '127.0.0.1', description: 'Address to listen on.' },
  {
    key: 'port',
    flag: '--port',
    env: 'CAIRN_PORT',
    kind: 'integer',
    default: '9000',
    description: 'Port to listen on; 0 picks a free port.',
  },
  {
    key: 'dataDir',
    flag: '--data-dir',
    env: 'CAIRN_DATA_DIR',
    kind: 'string',
    default: './cairn-data',
    description: 'Where metadata and blobs live.',
  },
  {
    key: 'region',
    flag: '--region',
    env: 'CAIRN_REGION',
    kind: 'string',
    default: 'us-east-1',
    description: 'The S3 and Glacier region requests must be signed for.',
  },
  {
    key: 'ossRegion',
    flag: '--oss-region',
    env: 'CAIRN_OSS_REGION',
    kind: 'string',
    default: 'cn-hangzhou',
    description: 'The OSS region (ali-oss `oss-cn-hangzhou` form accepted).',
  },
  {
    key: 'domains',
    flag: '--domain',
    env: 'CAIRN_DOMAINS',
    kind: 'list',
    default: 'localhost',
    description: 'Domains for virtual-hosted-style requests (`bucket.<domain>`), comma-separated.',
  },
  {
    key: 'rootAccessKey',
    flag: '',
    env: 'CAIRN_ROOT_ACCESS_KEY',
    kind: 'string',
    default: '',
    envOnly: true,
    description: 'Root access key of the default account; generated and printed once when unset on first start.',
  },
  {
    key: 'rootSecretKey',
    flag: '',
    env: 'CAIRN_ROOT_SECRET_KEY',
    kind: 'string',
    default: '',
    envOnly: true,
    description: 'Root secret key of the default account.',
  },
  {
    key: 'minPartSize',
    flag: '--min-part-size',
    env: 'CAIRN_MIN_PART_SIZE',
    kind: 'integer',
    default: '5242880',
    description: 'Smallest part allowed except the last (S3: 5 MiB). Lower it for tests only.',
  },
  {
    key: 'tombstoneWindow',
    flag: '--tombstone-window',
    env: 'CAIRN_TOMBSTONE_WINDOW',
    kind: 'duration',
    default: '24h',
    description: 'How long finished uploads are remembered (repeat abort succeeds, retried complete answers the same).',
  },
  {
    key: 'idleTimeout',
    flag: '--idle-timeout',
    env: 'CAIRN_IDLE_TIMEOUT',
    kind: 'duration',
    default: '60s',
    description: "A request body that sends nothing for this long fails with the dialect's timeout error.",
  },
  {
    key: 'keepAliveAfter',
    flag: '--keep-alive-after',
    env: 'CAIRN_KEEP_ALIVE_AFTER',
    kind: 'duration',
    default: '2s',
    description:
      'A CompleteMultipartUpload still running after this long answers 200 at once and sends whitespace until done, as S3 does (0: always).',
  },
  {
    key: 'glacierExpeditedDelay',
    flag: '--glacier-expedited-delay',
    env: 'CAIRN_GLACIER_EXPEDITED_DELAY',
    kind: 'duration',
    default: '1s',
    description: 'How long a Glacier job of the Expedited tier takes to complete (AWS: 1-5 minutes).',
  },
  {
    key: 'glacierStandardDelay',
    flag: '--glacier-standard-delay',
    env: 'CAIRN_GLACIER_STANDARD_DELAY',
    kind: 'duration',
    default: '5s',
    description: 'How long a Glacier job of the Standard tier (the default) takes to complete (AWS: 3-5 hours).',
  },
  {
    key: 'glacierBulkDelay',
    flag: '--glacier-bulk-delay',
    env: 'CAIRN_GLACIER_BULK_DELAY',
    kind: 'duration',
    default: '10s',
    description: 'How long a Glacier job of the Bulk tier takes to complete (AWS: 5-12 hours).',
  },
  {
    key: 'glacierJobRetention',
    flag: '--glacier-job-retention',
    env: 'CAIRN_GLACIER_JOB_RETENTION',
    kind: 'duration',
    default: '24h',
    description: 'How long a completed Glacier job and its output stay available (AWS: at least 24 hours).',
  },
  {
    key: 'inlineMaxSize',
    flag: '--inline-max-size',
    env: 'CAIRN_INLINE_MAX_SIZE',
    kind: 'integer',
    default: '16384',
    description:
      'Bodies up to this many bytes are stored in the metadata database with their object, one fsync per group of writes; larger ones in files of their own (0: always files).',
  },
  {
    key: 'writerThreads',
    flag: '--writer-threads',
    env: 'CAIRN_WRITER_THREADS',
    kind: 'integer',
    default: 'auto',
    description: 'Threads that hash and write large uploads off the event loop (auto: one per core, at most 4; 0: none).',
  },
  {
    key: 'accessLog',
    flag: '--access-log',
    env: 'CAIRN_ACCESS_LOG',
    kind: 'boolean',
    default: 'true',
    description: 'Print one JSON line per request to standard output.',
  },
  {
    key: 'consoleSessionLifetime',
    flag: '--console-session-lifetime',
    env: 'CAIRN_CONSOLE_SESSION_LIFETIME',
    kind: 'duration',
    default: '12h',
    description: 'How long a web console sign-in lasts before the session cookie expires and the console asks to sign in again.',
  },
  {
    key: 'lifecycleInterval',
    flag: '--lifecycle-interval',
    env: 'CAIRN_LIFECYCLE_INTERVAL',
    kind: 'duration',
    default: '24h',
    description:
      'How often lifecycle passes run, on multiples of it since the epoch (24h: daily at 00:00 UTC); 0 runs them only on demand.',
  },
  {
    key: 'lifecycleBatchSize',
    flag: '--lifecycle-batch-size',
    env: 'CAIRN_LIFECYCLE_BATCH_SIZE',
    kind: 'integer',
    default: '500',
    description: 'Uploads or objects a lifecycle pass reads per step; its resumable position is saved after each.',
  },
  {
    key: 'lifecycleThrottle',
    flag: '--lifecycle-throttle',
    env: 'CAIRN_LIFECYCLE_THROTTLE',
    kind: 'duration',
    default: '0s',
    description: 'Pause after each lifecycle action, to spread the load of a large clean-up.',
  },
  {
    key: 'priceTable',
    flag: '--price-table',
    env: 'CAIRN_PRICE_TABLE',
    kind: 'string',
    default: '',
    description:
      'JSON file of storage prices for usage reports (per class: storagePerGbMonth, minBillableBytes, minStorageDays); the built-in prices are examples only.',
  },
  {
    key: 'tlsCert',
    flag: '--tls-cert',
    env: 'CAIRN_TLS_CERT',
    kind: 'string',
    default: '',
    description: 'PEM certificate (chain) file: serve HTTPS (TLS 1.2+) instead of HTTP; reloaded on SIGHUP. Needs --tls-key.',
  },
  {
    key: 'tlsKey',
    flag: '--tls-key',
    env: 'CAIRN_TLS_KEY',
    kind: 'string',
    default: '',
    description: 'PEM private key file of --tls-cert; reloaded on SIGHUP.',
  },
  {
    key: 'tlsSelfSigned',
    flag: '--tls-self-signed',
    env: 'CAIRN_TLS_SELF_SIGNED',
    kind: 'boolean',
    default: 'false',
    description:
      'Serve HTTPS with a certificate for localhost generated into the data directory (tls/, kept across restarts); prints its SHA-256 fingerprint.',
  },
  {
    key: 'masterKey',
    flag: '',
    env: 'CAIRN_MASTER_KEY',
    kind: 'string',
    default: '',
    envOnly: true,
    description:
      'Server master key (64 hex digits or base64 of 32 bytes) that wraps the keys of encrypted objects and KMS keys; when unset, <data-dir>/master.key is created (0600) and used.',
  },
  {
    key: 'kmsKeys',
    flag: '--kms-keys',
    env: 'CAIRN_KMS_KEYS',
    kind: 'list',
    default: '',
    description:
      'Ids of local KMS keys to create at start when missing (comma-separated, e.g. testkey-1,testkey-2); see `cairn admin kms`.',
  },
] as const satisfies readonly OptionSpec[];

export type OptionKey = (typeof optionSpecs)[number]['key'];
