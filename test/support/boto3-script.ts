import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { pythonInterpreter } from '../glacier/python-boto3.js';
import { testCredentials, type CairnProcess } from './cairn-process.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * Runs test/<dir>/python/<script> with Debian's boto3 against the server (ENDPOINT ACCESS_KEY SECRET_KEY)
 * and returns the object its last `RESULTS {json}` line holds.
 */
export async function boto3Results(dir: string, script: string, server: Pick<CairnProcess, 'url'>): Promise<Record<string, unknown>> {
  const file = path.join(repoRoot, 'test', dir, 'python', script);
  const { stdout } = await run(pythonInterpreter(), [file, server.url, testCredentials.accessKeyId, testCredentials.secretAccessKey], {
    timeout: 120_000,
    env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULTS '));
  if (line === undefined) throw new Error(`no RESULTS line in:\n${stdout}`);
  return JSON.parse(line.slice('RESULTS '.length)) as Record<string, unknown>;
}
