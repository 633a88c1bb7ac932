import { loadConfig } from '../config/config.js';
import { startCairn } from '../main.js';
import { jsonLogger } from './json-logger.js';

/** `cairn serve`: runs until SIGTERM or SIGINT, then stops cleanly. */
export async function serveCommand(args: readonly string[]): Promise<number> {
  const config = loadConfig(args, process.env);
  const log = jsonLogger();
  const cairn = await startCairn(config, { out: (line) => process.stdout.write(`${line}\n`), log });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('stopping', { signal });
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve();
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  await cairn.stop();
  log.info('stopped');
  return 0;
}
