import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { testCredentials } from '../support/cairn-process.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * Debian's python3 (with python3-boto3) when present: that is the boto3 CI installs. CAIRN_TEST_PYTHON
 * picks another interpreter.
 */
export function pythonInterpreter(): string {
  return process.env.CAIRN_TEST_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

/** Runs test/glacier/python/<script> against the server; resolves with its standard output. */
export async function runBoto3Script(script: string, endpoint: string): Promise<string> {
  const file = path.join(repoRoot, 'test', 'glacier', 'python', script);
  const { stdout } = await run(pythonInterpreter(), [file, endpoint, testCredentials.accessKeyId, testCredentials.secretAccessKey], {
    timeout: 120_000,
    env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', PYTHONDONTWRITEBYTECODE: '1' },
  });
  return stdout;
}

/** The `RESULTS {json}` line a script prints last. */
export function resultsOf(stdout: string): Record<string, unknown> {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULTS '));
  if (line === undefined) throw new Error(`no RESULTS line in:\n${stdout}`);
  return JSON.parse(line.slice('RESULTS '.length)) as Record<string, unknown>;
}
