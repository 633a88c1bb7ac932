import { loadConfig } from '../config/config.js';
import { startCairn } from '../main.js';
import { jsonLogger } from './json-logger.js';

/** `cairn serve`: runs until SIGTERM or SIGINT, then stops cleanly. */
export async function serveCommand(args: readonly string[]): Promise<number> {
  const config = loadConfig(args, process.env);
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
}
