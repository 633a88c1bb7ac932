import { readFileSync } from 'node:fs';
import { request } from 'node:http';

export interface Health {
  /** Resident set size when watching began (the server with its protected data, before the load). */
  readonly startRssBytes: number;
  /** Highest resident set size seen by polling, and the kernel's own high-water mark (VmHWM) at the end. */
  readonly peakRssBytes: number;
  readonly highWaterBytes: number;
  /** The slowest answer to GET /_cairn/health while the load ran: how long the event loop was held up. */
  readonly slowestHealthMs: number;
  readonly healthChecks: number;
  readonly failedHealthChecks: number;
}

/**
 * Watches a server while the hostile load runs: its memory every 100 ms and its event loop through
 * back-to-back health checks. An event loop that stops answering (a reaper looping forever, a parse
 * that never ends) or memory that keeps climbing shows here before anything else does.
 */
export class ServerMonitor {
  private peak = 0;
  private readonly start: number;
  private slowest = 0;
  private checks = 0;
  private failed = 0;
  private running = true;
  private readonly done: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    private readonly port: number,
  ) {
    this.start = statusField(pid, 'VmRSS');
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, statusField(pid, 'VmRSS'))), 100);
    this.done = this.healthLoop();
  }

  private async healthLoop(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      const ok = await health(this.port);
      this.checks++;
      if (!ok) this.failed++;
      this.slowest = Math.max(this.slowest, Date.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<Health> {
    this.running = false;
    clearInterval(this.timer);
    await this.done;
    return {
      startRssBytes: this.start,
      peakRssBytes: this.peak,
      highWaterBytes: statusField(this.pid, 'VmHWM'),
      slowestHealthMs: this.slowest,
      healthChecks: this.checks,
      failedHealthChecks: this.failed,
    };
  }
}

function health(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/_cairn/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function statusField(pid: number, name: string): number {
  try {
    const m = new RegExp(`${name}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] === undefined ? 0 : Number(m[1]) * 1024;
  } catch {
    return 0;
  }
}
