import type { Logger } from '../core/ports/logger.js';

/** Server diagnostics as JSON lines on standard error (standard output carries the access log). */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (level: string, msg: string, fields?: Readonly<Record<string, unknown>>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
