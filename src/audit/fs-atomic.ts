import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.js';

/**
 * Writes a file atomically: a temporary file beside it, then a rename, so an interrupted run never
 * leaves a half-written report or baseline.
 * @throws InputError when the folder cannot be written.
 */
export function writeFileAtomic(file: string, content: string): void {
  const target = path.resolve(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, 'utf8');
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InputError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
