import { spawn } from 'node:child_process';
import { testCredentials, type CairnProcess } from './cairn-process.js';

export interface ToolResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a real client (aws, python3, rclone, s3cmd) and collects its output. A missing tool fails the test. */
export function runTool(
  command: string,
  args: readonly string[],
  options: { env?: Readonly<Record<string, string>>; input?: string; cwd?: string } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => reject(new Error(`could not run ${command} (install it: .ci/run does): ${e.message}`)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The environment the aws CLI and boto3 read: credentials, region, endpoint; no config files. */
export function awsEnv(server: Pick<CairnProcess, 'url'>, credentials = testCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: server.url,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
}

/** Runs `aws ... --endpoint-url URL` and fails with its output when it exits non-zero. */
export async function aws(server: Pick<CairnProcess, 'url'>, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runTool('aws', [...args, '--endpoint-url', server.url], { env: { ...awsEnv(server), ...env } });
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${String(r.code)}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
