import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A mini project in a new temporary folder: `files` maps paths under it to their text. Returns its root. */
export function writeTempProject(prefix: string, files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Removes every project `writeTempProject` made (call it from `afterAll`). */
export function removeTempProjects(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}
