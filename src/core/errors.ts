/**
 * Errors the user can fix. They are printed as one line, without a stack trace;
 * anything else that escapes is a bug in this package.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The settings key at fault, e.g. `backend-patterns.layers.controller`. */
  readonly key: string | undefined;

  constructor(message: string, key?: string) {
    super(key === undefined ? message : `Invalid setting '${key}': ${message}`);
    this.key = key;
  }
}

export class InputError extends Error {
  override readonly name = 'InputError';
}
