import { ConfigError, helpText, loadConfig } from '../config/config.js';
import { UsageError } from './usage-error.js';
import { startCairn } from '../main.js';
import type { Command } from './command-context.js';
import { jsonLogger } from './json-logger.js';

const usage = `usage: cairn serve [options]

Runs the server until SIGTERM or SIGINT. Flags win over the environment, which wins over the defaults.

${helpText()}`;

/** `cairn serve`: runs until SIGTERM or SIGINT, then stops cleanly. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the server (cairn help serve: its options)',
  usage,
  async run(args, ctx) {
    if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
      ctx.out(usage);
      return 0;
    }
    let config;
    try {
      config = loadConfig(args, ctx.env);
    } catch (e) {
      throw e instanceof ConfigError ? new UsageError(e.message, usage) : e;
    }
    const log = jsonLogger();
    // Listen for the signals before announcing readiness: a supervisor may signal right after the
    // listening line, and Node's default would kill the process without a clean stop.
    const stopSignal = new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    const cairn = await startCairn(config, { out: (line) => process.stdout.write(`${line}\n`), log });
    // SIGHUP reloads the TLS certificate (renewed by certbot and the like); open connections are kept.
    const reload = () => {
      cairn.reloadTls().catch((error: unknown) => log.error('TLS reload failed; keeping the old certificate', { error: String(error) }));
    };
    process.on('SIGHUP', reload);
    log.info('stopping', { signal: await stopSignal });
    process.off('SIGHUP', reload);
    await cairn.stop();
    log.info('stopped');
    return 0;
  },
};
