// Typed errors carry the exit code and a hint, so the CLI prints one clear line and no stack.
// Exit codes are a contract documented in the README.

export const EXIT = {
  ok: 0,
  /** An unexpected internal error (a bug): the only case that prints a stack. */
  internal: 1,
  /** Bad usage, a bad config or rule file, or input prodguard cannot judge. */
  usage: 2,
  /** `check`: the verdict is confirm (a person must type the target's name). */
  confirm: 3,
  /** `check`: the verdict is block. `run`: prodguard refused to run the command. */
  refused: 4,
} as const;

export class ProdguardError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments. */
export class UsageError extends ProdguardError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}

/** A config or rule file that does not validate: names the file and the field. */
export class ConfigError extends ProdguardError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, EXIT.usage, hint, options);
  }
}

/** Input that cannot be judged (a shell line that does not parse): `run` must not execute it. */
export class UndecidableError extends ProdguardError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}
