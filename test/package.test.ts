import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/settings.js';
import plugin from '../src/index.js';

/** What the published package says about itself: license, README tables and sections, shipped docs. */

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string; files: string[] };
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README text from a `## heading` up to the next `## ` heading. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** Every markdown file the package ships under docs/ (package.json "files" holds "docs"). */
function shippedDocs(): string[] {
  return readdirSync(path.join(ROOT, 'docs'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Local link targets of a markdown text (web links and in-page anchors left out). */
function localLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => (match[1] ?? '').split('#')[0] ?? '')
    .filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('license', () => {
  it('LICENSE exists, is shipped, and is the license package.json names', () => {
    expect(pkg.license).toBe('MIT');
    const text = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(text.split('\n')[0]).toBe(`${pkg.license} License`);
    expect(text).toContain('Permission is hereby granted, free of charge');
    expect(pkg.files).toContain('LICENSE');
  });
});

describe('README', () => {
  it('lists every exported config in the configs table', () => {
    const configs = section('Configs');
    const listed = new Set([...configs.matchAll(/^\|(?:[^|\n]*\|)?\s*`([\w-]+)`\s*\|/gm)].map((match) => match[1]));
    for (const name of Object.keys(plugin.configs)) expect(listed, `config ${name}`).toContain(name);
  });

  it('documents every settings key in the settings section', () => {
    const settings = section('Settings');
    const keys = Object.entries(DEFAULT_SETTINGS).flatMap(([name, value]) =>
      name === 'layers' ? [name] : [name, ...Object.keys(value as Record<string, unknown>).map((key) => `${name}.${key}`)],
    );
    expect(keys).toContain('composition.files');
    for (const key of keys) {
      const [name = '', sub] = key.split('.');
      // Either the dotted name, or the key inside the section's object in the example config.
      const documented = settings.includes(`\`${key}\``) || new RegExp(`\\b${name}: \\{[^}]*\\b${sub ?? ''}\\b`).test(settings);
      expect(documented, `settings key ${key}`).toBe(true);
    }
  });
});

describe('shipped docs', () => {
  it.each(shippedDocs().map((file) => path.relative(ROOT, file)))('%s: local links resolve and no unshipped spec is cited', (relative) => {
    const file = path.join(ROOT, relative);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/SPEC(\.md|\s+§)/);
    for (const target of localLinks(text)) expect(existsSync(path.resolve(path.dirname(file), target)), `${relative} links to ${target}`).toBe(true);
  });

  it('README links to local files resolve', () => {
    const targets = localLinks(readme);
    expect(targets).toContain('docs/rules/no-query-in-loop.md');
    for (const target of targets) expect(existsSync(path.join(ROOT, target)), `README links to ${target}`).toBe(true);
    expect(readme).not.toMatch(/SPEC(\.md|\s+§)/);
  });
});
