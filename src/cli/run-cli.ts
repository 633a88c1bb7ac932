import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError } from '../config/config.js';
import { AdminApiError } from './admin-client.js';
import { adminCommand, uploadsCommand } from './admin-commands.js';
import { catCommand, statCommand } from './object-info-commands.js';
import { mbCommand, rbCommand } from './bucket-commands.js';
import type { Command, CommandContext } from './command-context.js';
import { completionScript } from './completion.js';
import { cpCommand, mvCommand } from './cp-command.js';
import { lifecycleCommand } from './lifecycle-commands.js';
import { lsCommand } from './ls-command.js';
import { partsCommand, partsUsageOf } from './parts/parts-commands.js';
import { Declined } from './removal-plan.js';
import { rmCommand } from './rm-command.js';
import { serveCommand } from './serve-command.js';
import { Interrupted, RemoteError, UsageError, VerificationError } from './usage-error.js';
import { usageCommand } from './usage-command.js';

/** Every command, in the order `cairn help` lists them. */
export const commands: readonly Command[] = [
  serveCommand,
  lsCommand,
  cpCommand,
  mvCommand,
  rmCommand,
  catCommand,
  statCommand,
  mbCommand,
  rbCommand,
  partsCommand,
  lifecycleCommand,
  uploadsCommand,
  usageCommand,
  adminCommand,
];

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: cairn <command> [arguments] [options]

Object storage from the command line, for Cairn and any S3 or OSS endpoint (s3:// and oss:// URLs).

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}  cairn help COMMAND: a command's usage and options
  ${'version'.padEnd(width)}  the version (also --version)
  ${'completion'.padEnd(width)}  cairn completion bash: a bash completion script

Client commands find their endpoint and credentials as the aws CLI does: --endpoint, --profile,
--region, --access-key/--secret-key; AWS_ENDPOINT_URL, AWS_PROFILE, AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, AWS_REGION; ~/.aws/credentials and ~/.aws/config (endpoint_url, region).
oss:// URLs read OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_ENDPOINT and OSS_REGION first.
Exit codes: 0 done, 1 a request failed, 2 a usage error (nothing was done), 130 interrupted.`;
}

function helpFor(name: string | undefined, sub: string | undefined): string | undefined {
  if (name === undefined) return overview();
  if (name === 'parts' && sub !== undefined) return partsUsageOf(sub);
  return commands.find((c) => c.name === name)?.usage;
}

/** The process's side of a CommandContext: its streams, its terminal, Ctrl-C. */
export function processContext(controller: AbortController): CommandContext {
  const signal = controller.signal;
  // A reader that went away (`cairn cat ... | head`) stops the command as Ctrl-C would: a transfer
  // keeps its checkpoint, `cat` ends quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    controller.abort();
  });
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (text) => process.stderr.write(text),
    stdout: process.stdout,
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: () => process.stderr.columns ?? 80,
    signal,
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
  };
}

/** The `cairn` command: one table of commands, one error boundary, an exit code. */
export async function runCli(
  argv: readonly string[],
  makeContext: (controller: AbortController) => CommandContext = processContext,
): Promise<number> {
  const [name, ...rest] = argv;
  const controller = new AbortController();
  const ctx = makeContext(controller);
  if (name === undefined) {
    ctx.err(`${overview()}\n`);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const text = rest.length > 2 || rest.some((a) => a.startsWith('-')) ? undefined : helpFor(rest[0], rest[1]);
    if (text === undefined) {
      ctx.err(`cairn: no command '${rest.join(' ')}'\n\n${overview()}\n`);
      return 2;
    }
    ctx.out(text);
    return 0;
  }
  if (name === 'version' || name === '--version' || name === '-V') {
    if (rest.length > 0) {
      ctx.err(`cairn: unexpected argument '${rest[0] ?? ''}'\n\nusage: cairn --version\n`);
      return 2;
    }
    ctx.out(`cairn ${version()}`);
    return 0;
  }
  if (name === 'completion') {
    if (rest.length !== 1 || rest[0] !== 'bash') {
      ctx.err('cairn: usage: cairn completion bash\n');
      return 2;
    }
    ctx.out(completionScript(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    ctx.err(`cairn: unknown command '${name}'\n\n${overview()}\n`);
    return 2;
  }
  if ((rest.includes('--help') || rest.includes('-h')) && name !== 'serve') {
    ctx.out(helpFor(name, name === 'parts' ? rest[0] : undefined) ?? command.usage);
    return 0;
  }
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  };
  if (name !== 'serve') {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    return report(error, ctx);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Known errors to a message and an exit code; anything else is a bug and prints its stack. */
function report(error: unknown, ctx: CommandContext): number {
  if (error instanceof UsageError) {
    ctx.err(`cairn: ${error.message}${error.usage === undefined ? '' : `\n\n${error.usage}`}\n`);
    return 2;
  }
  if (error instanceof ConfigError) {
    ctx.err(`cairn: ${error.message}\n`);
    return 2;
  }
  if (error instanceof Interrupted) {
    ctx.err(`\ncairn: ${error.message}\n`);
    return 130;
  }
  if (error instanceof RemoteError) {
    ctx.err(
      `cairn: ${error.code}: ${error.message} (HTTP ${error.status}${error.requestId === undefined ? '' : `, request ${error.requestId}`})\n`,
    );
    return 1;
  }
  if (error instanceof AdminApiError) {
    ctx.err(`cairn: ${error.code}: ${error.message}\n`);
    return 1;
  }
  if (error instanceof VerificationError || error instanceof Declined) {
    ctx.err(`cairn: ${error.message}\n`);
    return 1;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EPIPE|ENOENT|EACCES|EISDIR)$/.test(code)) {
    ctx.err(`cairn: ${(error as Error).message}\n`);
    return 1;
  }
  ctx.err(`cairn: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
