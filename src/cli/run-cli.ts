import { ConfigError, helpText } from '../config/config.js';
import { serveCommand } from './serve-command.js';

const usage = `Usage: cairn <command> [options]

Commands:
  serve                 run the server (see options below)
  help                  show this text

${helpText()}`;

/** The `cairn` command: one table of commands, one error boundary, an exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest);
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
    if (error instanceof ConfigError) {
      process.stderr.write(`cairn: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`cairn: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
