import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { optionSpecs, type OptionKey, type OptionSpec } from './options.js';
import { parseDuration } from './parse-duration.js';
import type { PriceTable } from '../core/usage/price-table.js';
import { loadPriceTable } from './load-price-table.js';

export interface CairnConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly region: string;
  readonly ossRegion: string;
  readonly domains: readonly string[];
  readonly rootCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  readonly minPartSize: number;
  readonly tombstoneWindowMs: number;
  readonly idleTimeoutMs: number;
  readonly keepAliveAfterMs: number;
  readonly glacierJobDelaysMs: { readonly expedited: number; readonly standard: number; readonly bulk: number };
  readonly glacierJobRetentionMs: number;
  readonly inlineMaxBytes: number;
  readonly writerThreads: number;
  readonly accessLog: boolean;
  readonly lifecycleIntervalMs: number;
  readonly consoleSessionLifetimeMs: number;
  readonly lifecycleBatchSize: number;
  readonly lifecycleThrottleMs: number;
  readonly priceTable: PriceTable;
  /** PEM file paths, or a generated localhost certificate; undefined serves plain HTTP. */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | { readonly selfSigned: true } | undefined;
  readonly masterKey: string | undefined;
  readonly kmsKeys: readonly string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Flags win over CAIRN_* environment variables, which win over the defaults. Validated once, frozen. */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CairnConfig {
  const raw = new Map<OptionKey, string>();
  for (const spec of optionSpecs) raw.set(spec.key, spec.default);
  for (const spec of optionSpecs) {
    const value = env[spec.env];
    if (value !== undefined && value !== '') raw.set(spec.key, value);
  }
  for (const [spec, value] of flagValues(argv)) raw.set(spec.key as OptionKey, value);
  const get = (key: OptionKey): string => raw.get(key) ?? '';
  const accessKeyId = get('rootAccessKey');
  const secretAccessKey = get('rootSecretKey');
  if ((accessKeyId === '') !== (secretAccessKey === '')) {
    throw new ConfigError('set both CAIRN_ROOT_ACCESS_KEY and CAIRN_ROOT_SECRET_KEY, or neither');
  }
  const config: CairnConfig = {
    host: get('host'),
    port: integer('port', get('port'), 0, 65535),
    dataDir: path.resolve(get('dataDir')),
    region: nonEmpty('region', get('region')),
    ossRegion: nonEmpty('ossRegion', get('ossRegion')).replace(/^oss-/, ''),
    domains: get('domains')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter((d) => d !== ''),
    rootCredentials: accessKeyId === '' ? undefined : { accessKeyId, secretAccessKey },
    minPartSize: integer('minPartSize', get('minPartSize'), 0, 5 * 1024 * 1024 * 1024),
    tombstoneWindowMs: duration('tombstoneWindow', get('tombstoneWindow')),
    idleTimeoutMs: duration('idleTimeout', get('idleTimeout')),
    keepAliveAfterMs: duration('keepAliveAfter', get('keepAliveAfter')),
    glacierJobDelaysMs: Object.freeze({
      expedited: duration('glacierExpeditedDelay', get('glacierExpeditedDelay')),
      standard: duration('glacierStandardDelay', get('glacierStandardDelay')),
      bulk: duration('glacierBulkDelay', get('glacierBulkDelay')),
    }),
    glacierJobRetentionMs: duration('glacierJobRetention', get('glacierJobRetention')),
    inlineMaxBytes: integer('inlineMaxSize', get('inlineMaxSize'), 0, 1024 * 1024),
    writerThreads:
      get('writerThreads') === 'auto' ? Math.min(4, availableParallelism()) : integer('writerThreads', get('writerThreads'), 0, 64),
    accessLog: boolean('accessLog', get('accessLog')),
    lifecycleIntervalMs: duration('lifecycleInterval', get('lifecycleInterval')),
    consoleSessionLifetimeMs: duration('consoleSessionLifetime', get('consoleSessionLifetime')),
    lifecycleBatchSize: integer('lifecycleBatchSize', get('lifecycleBatchSize'), 1, 100_000),
    lifecycleThrottleMs: duration('lifecycleThrottle', get('lifecycleThrottle')),
    priceTable: priceTable(get('priceTable')),
    tls: tlsOption(get('tlsCert'), get('tlsKey'), boolean('tlsSelfSigned', get('tlsSelfSigned'))),
    masterKey: get('masterKey') === '' ? undefined : get('masterKey'),
    kmsKeys: get('kmsKeys')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
  };
  return Object.freeze(config);
}

const flagged = (optionSpecs as readonly OptionSpec[]).filter((s) => s.flag !== '');

/** The flags given, parsed strictly by util.parseArgs: an unknown flag, a missing value or a stray argument is a ConfigError. */
function flagValues(argv: readonly string[]): [OptionSpec, string][] {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: booleanFlagsWithValues(argv),
      options: Object.fromEntries(flagged.map((s) => [s.flag.slice(2), { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new ConfigError(`${parseArgsMessage(e)} (see cairn serve --help)`);
  }
  const out: [OptionSpec, string][] = [];
  for (const spec of flagged) {
    const value = values[spec.flag.slice(2)];
    if (typeof value === 'string') out.push([spec, value]);
  }
  return out;
}

/**
 * A boolean flag may stand alone (`--tls-self-signed`) or take a following true/false word
 * (`--access-log false`): both become `--flag=value`, which util.parseArgs reads as a string option.
 */
function booleanFlagsWithValues(argv: readonly string[]): string[] {
  const booleans = new Set(flagged.filter((s) => s.kind === 'boolean').map((s) => s.flag));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!booleans.has(arg)) {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && booleanWords.includes(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(`${arg}=true`);
  }
  return out;
}

/** util.parseArgs' messages, shortened: the first sentence, without its advice on '--'. */
export function parseArgsMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n')[0] ?? text).split('. ')[0]?.replace(/\.$/, '') ?? text;
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got '${text}'`);
  return n;
}

function duration(name: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new ConfigError(`${name} must be a duration like 30s, 5m or 24h, got '${text}'`);
  return ms;
}

function priceTable(file: string): PriceTable {
  try {
    return loadPriceTable(file);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function tlsOption(certFile: string, keyFile: string, selfSigned: boolean): CairnConfig['tls'] {
  if ((certFile === '') !== (keyFile === '')) throw new ConfigError('set both --tls-cert and --tls-key, or neither');
  if (certFile !== '' && selfSigned) throw new ConfigError('--tls-self-signed cannot be combined with --tls-cert/--tls-key');
  if (certFile !== '') return { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
  return selfSigned ? { selfSigned: true } : undefined;
}

const booleanWords = ['true', '1', 'yes', 'on', 'stdout', 'false', '0', 'no', 'off'];

function boolean(name: string, text: string): boolean {
  if (['true', '1', 'yes', 'on', 'stdout'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(`${name} must be true or false, got '${text}'`);
}

function nonEmpty(name: string, text: string): string {
  if (text.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return text.trim();
}

export function helpText(): string {
  const lines = ['Options (flag, environment variable, default):'];
  for (const s of optionSpecs as readonly OptionSpec[]) {
    lines.push(`  ${(s.flag || '(env only)').padEnd(20)} ${s.env.padEnd(24)} ${(s.default || '-').padEnd(12)} ${s.description}`);
  }
  return lines.join('\n');
}
