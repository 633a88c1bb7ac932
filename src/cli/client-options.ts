/** Where a client command sends requests and with which credentials, as the aws CLI takes them. */
export interface ClientOptions {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly json: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--switch`; everything else is positional. */
export function parseArgs(args: readonly string[], switches: readonly string[] = ['json', 'all', 'dry-run', 'help']): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) flags.set(name, arg.slice(eq + 1));
    else if (switches.includes(name)) flags.set(name, true);
    else {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { positional, flags };
}

export function flag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function clientOptions(parsed: ParsedArgs, env: Readonly<Record<string, string | undefined>>): ClientOptions {
  const endpoint = flag(parsed, 'endpoint') ?? env.AWS_ENDPOINT_URL ?? env.CAIRN_ENDPOINT ?? 'http://127.0.0.1:9000';
  const accessKeyId = flag(parsed, 'access-key') ?? env.AWS_ACCESS_KEY_ID ?? env.CAIRN_ROOT_ACCESS_KEY;
  const secretAccessKey = flag(parsed, 'secret-key') ?? env.AWS_SECRET_ACCESS_KEY ?? env.CAIRN_ROOT_SECRET_KEY;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new UsageError('credentials needed: --access-key and --secret-key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  }
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    accessKeyId,
    secretAccessKey,
    region: flag(parsed, 'region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    json: parsed.flags.get('json') === true,
  };
}
