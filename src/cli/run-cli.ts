import { ConfigError, helpText } from '../config/config.js';
import { AdminApiError } from './admin-client.js';
import { adminCommand, uploadsCommand } from './admin-commands.js';
import { UsageError } from './client-options.js';
import { lifecycleCommand } from './lifecycle-commands.js';
import { usageCommand } from './usage-command.js';
import { serveCommand } from './serve-command.js';

const usage = `Usage: cairn <command> [options]

Commands:
  serve                                  run the server (options below)
  admin accounts create NAME             create an account; prints its root credentials once
  admin accounts list                    list accounts
  uploads list BUCKET [--prefix P]       incomplete multipart uploads with part counts and sizes
  uploads abort BUCKET (--upload-id ID | --all) [--prefix P] [--older-than 7d]
                                         abort uploads and free their parts
  lifecycle run [--dry-run] [--at TIME]  run a lifecycle pass now (or preview it), rules evaluated as of TIME
  lifecycle passes [--limit N]           what the last lifecycle passes did, per rule
  usage [--bucket B] [--from T] [--to T] storage, byte-hours and cost per bucket, class and kind;
                                         what incomplete uploads hold and have cost so far
  help                                   show this text

Client commands talk to a running server: --endpoint (AWS_ENDPOINT_URL, default http://127.0.0.1:9000),
--access-key / --secret-key (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), --region, --json.

${helpText()}`;

const print = (text: string) => process.stdout.write(`${text}\n`);

/** The `cairn` command: one table of commands, one error boundary, an exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest);
      case 'admin':
        return await adminCommand(rest, print);
      case 'uploads':
        return await uploadsCommand(rest, print);
      case 'lifecycle':
        return await lifecycleCommand(rest, print);
      case 'usage':
        return await usageCommand(rest, print);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${usage}\n`);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`cairn: unknown command '${command}'\n\n${usage}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof AdminApiError) {
      process.stderr.write(`cairn: ${error.code}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`cairn: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`cairn: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
