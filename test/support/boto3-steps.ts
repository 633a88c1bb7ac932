import assert from 'node:assert/strict';
import type { CairnProcess } from './cairn-process.js';
import { testCredentials } from './cairn-process.js';
import { runTool } from './run-tool.js';

export type Boto3Steps = Record<string, Record<string, unknown>>;

/**
 * Runs a boto3 script against the server (CAIRN_URL and the test keys in its environment, no config
 * files), asserts that it exited 0, and returns the JSON lines it printed, by their `step`.
 */
export async function runBoto3Steps(script: string, server: Pick<CairnProcess, 'url'>): Promise<Boto3Steps> {
  const r = await runTool('python3', [script], {
    env: {
      CAIRN_URL: server.url,
      AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
      AWS_CONFIG_FILE: '/dev/null',
    },
  });
  assert.equal(r.code, 0, r.stderr);
  return Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { step: string } & Record<string, unknown>)
      .map((s) => [s.step, s]),
  );
}
