/** A command was called wrongly: its usage is printed and the exit code is 2; nothing was done. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command's usage text, printed after the message. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** A request to the endpoint failed: the dialect's error code and message, exit code 1. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** The user pressed Ctrl-C (or the process got SIGTERM): what was done so far is kept for a resume. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/** A transfer finished but its bytes do not match what the endpoint says it stored. */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';
}
