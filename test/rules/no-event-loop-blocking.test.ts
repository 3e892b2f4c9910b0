import path from 'node:path';
import rule, { type MessageId, type Options } from '../../rules/no-event-loop-blocking.js';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

const SERVICE = path.join(TYPED_PROJECT, 'layers', 'users.service.ts');
const CONTROLLER = path.join(TYPED_PROJECT, 'layers', 'users.controller.ts');
const UTILS = path.join(TYPED_PROJECT, 'file.ts');

type Case = Invalid<MessageId, Options>;

function blocking(code: string, call: string, alternative: string, line: number, column: number, filename = SERVICE): Case {
  return { code, filename, errors: [{ messageId: 'blockingCall', data: { call, alternative }, line, column }] };
}

const FS = "'{{name}}' from 'node:fs/promises'";
const CRYPTO = "the callback form ('{{name}}' with promisify) that runs on the thread pool";
const BCRYPT = "the promise form 'await bcrypt.{{name}}(…)' that runs on the thread pool";
const ZLIB = "the callback or stream form ('{{name}}' with promisify, or a zlib stream)";
const PROCESS = "'{{name}}' with a callback (or promisify(execFile)), or move the work to a job";
const alt = (template: string, name: string): string => template.replace('{{name}}', name);

const valid: Valid<Options>[] = [
  // The asynchronous forms.
  { filename: SERVICE, code: `import { readFile } from 'node:fs/promises';
export class ReportService { async template() { return readFile('report.html', 'utf8'); } }` },
  { filename: SERVICE, code: `import fs from 'node:fs';
export class ReportService { async template() { return fs.promises.readFile('report.html', 'utf8'); } }` },
  { filename: SERVICE, code: `import bcrypt from 'bcrypt';
export class AuthService { async check(password: string, hash: string) { return bcrypt.compare(password, hash); } }` },
  { filename: SERVICE, code: `import { randomBytes } from 'node:crypto';
export class TokenService { issue() { return randomBytes(32).toString('hex'); } }` },
  { filename: SERVICE, code: `import crypto from 'node:crypto';
export class TokenService { issue(done: (e: Error | null, b: Buffer) => void) { crypto.randomBytes(1_048_576, done); } }` },
  // Names that only look like the module's: a project helper, a method of another object.
  { filename: SERVICE, code: `import { readFileSync } from './storage';
export class ReportService { template() { return readFileSync('report.html'); } }` },
  { filename: SERVICE, code: `export class ReportService { constructor(private readonly vault: { hashSync(x: string): string }) {}
  seal(x: string) { return this.vault.hashSync(x); } }` },
  { filename: SERVICE, mode: 'untyped', code: `export class ReportService { template(store) { return store.readFileSync('report.html'); } }` },
  // Untyped, a module handed in by injection is not bound in the file (typed linting places it, below).
  { mode: 'untyped', filename: SERVICE, code: `import type * as FsModule from 'node:fs';
export class ReportService { constructor(private readonly fs: typeof FsModule) {}
  render(name: string) { return this.fs.readFileSync(name, 'utf8'); } }` },
  // A parameter shadows the import.
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
export class ReportService { template(readFileSync: (p: string) => string) { return readFileSync('report.html'); } }` },
  // Start-up: module top level, constructor, field initialiser, onModuleInit, a private loader called from it, lazy caches.
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
const template = readFileSync('mail.html', 'utf8');
export class MailService { render() { return template; } }` },
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
export class MailService { private readonly template: string;
  constructor() { this.template = readFileSync('mail.html', 'utf8'); }
  render() { return this.template; } }` },
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
export class MailService { private readonly template = readFileSync('mail.html', 'utf8'); render() { return this.template; } }` },
  { filename: SERVICE, code: `import { readdirSync, readFileSync } from 'node:fs';
export class LocaleService { private messages: Record<string, string> = {};
  onModuleInit() { this.loadAll(); }
  private loadAll() { for (const file of readdirSync('locales')) this.messages[file] = readFileSync(file, 'utf8'); }
  t(key: string) { return this.messages[key]; } }` },
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
let cached: string | undefined;
export function errorPage() { if (!cached) { cached = readFileSync('error.html', 'utf8'); } return cached; }` },
  { filename: SERVICE, code: `import fs from 'node:fs';
let page: Buffer | undefined;
export function errorPage() { return page ?? (page = fs.readFileSync('error.html')); }` },
  { filename: SERVICE, code: `import fs from 'node:fs';
let page: Buffer | undefined;
export function errorPage() { page ??= fs.readFileSync('error.html'); return page; }` },
  // A loader of resource files: it runs when the server is set up.
  { filename: SERVICE, code: `import fs from 'node:fs';
export class I18nService { addTranslationFile(lang: string, file: string) { return JSON.parse(fs.readFileSync(file, 'utf8')); } }` },
  // A start-up function by name.
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
export function getSslOptions() { return { key: readFileSync('key.pem') }; }` },
  // File system calls need the code to show that it serves requests: a plain helper module does not.
  { filename: UTILS, code: `import { existsSync } from 'node:fs';
export function hasManifest(dir: string) { return existsSync(dir + '/manifest.json'); }` },
  // CLI code.
  { filename: SERVICE, code: `import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
export function exportUsers(rows: unknown[]) { writeFileSync('users.json', JSON.stringify(rows)); }` },
  // One metadata system call per request (an existence check, a stat, an unlink, a mkdir): microseconds, no data moved.
  { filename: SERVICE, code: `import * as fs from 'node:fs';
export class UploadService {
  finish(tmp: string, dir: string) {
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
    const size = fs.statSync(tmp).size;
    fs.unlinkSync(tmp);
    return size;
  }
}` },
  // A test-environment switch named for the environment it tests.
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
import { IS_TEST_ENV } from '../conf';
export class EnrichmentService {
  async company(domain: string) {
    if (IS_TEST_ENV) return JSON.parse(readFileSync('fixtures/company.json', 'utf8'));
    return this.client.find(domain);
  }
}` },
  // A development-only branch.
  { filename: CONTROLLER, code: `import { readFileSync } from 'node:fs';
export function page(req: unknown, res: { send(x: string): void }) { if (process.env.NODE_ENV === 'development') { res.send(readFileSync('dev.html', 'utf8')); } }` },
  // A sync variant under the project's name whose whole body is the blocking call: its callers choose to block.
  { filename: UTILS, code: `import { hashSync as bcryptHashSync, compareSync as bcryptCompareSync } from '@node-rs/bcrypt';
export const hashSync = (password: string) => bcryptHashSync(password, 12);
export function compareSync(password: string, hash: string) {
  return bcryptCompareSync(password, hash);
}` },
  // genSaltSync only reads a few random bytes; a small randomBytes is microseconds.
  { filename: SERVICE, code: `import bcrypt from 'bcryptjs';
export class AuthService { salt() { return bcrypt.genSaltSync(10); } }` },
  { filename: SERVICE, code: `const crypto = require('crypto');
export class TokenService { issue() { return crypto.randomBytes(48).toString('base64url'); } }` },
];

// One read of a file that ships with the code: a few kilobytes from the page cache.
valid.push(
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
import path from 'node:path';
const TEMPLATES = path.join(__dirname, 'templates');
export class ReportService {
  render(data: object) {
    const css = readFileSync(path.join(TEMPLATES, 'report.css'), 'utf8');
    const info = readFileSync(\`\${process.cwd()}/build-info.json\`, 'utf8');
    const page = readFileSync(new URL('./error.html', import.meta.url), 'utf8');
    return this.pdf.render(css + info + page, data);
  }
}` },
  // A private helper's path parameter that every caller in the file gives a literal: a bundled template.
  { filename: SERVICE, code: `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
export class MailerService {
  async sendInvite(to: string, data: object) {
    return this.send(to, this.renderTemplate('invite.ejs', data));
  }
  async sendDeletionNotice(to: string, data: object) {
    return this.send(to, this.renderTemplate('deletion.ejs', data));
  }
  private renderTemplate(templateFile: string, data: object) {
    return compile(readFileSync(join('./src/templates/emails', templateFile), 'utf8'))(data);
  }
}` },
);

const invalid: Case[] = [
  // A request handler whose name ends in Init (a payment or an upload started per request) is no start-up step.
  blocking(`import fs from 'node:fs';
export async function paymentInit(req, res) {
  const page = fs.readFileSync(\`templates/\${req.params.theme}/checkout.html\`, 'utf8');
  res.send(page.replace('{{amount}}', String(req.body.amount)));
}`, 'fs.readFileSync', alt(FS, 'readFile'), 3, 16, CONTROLLER),
  blocking(`import { readFileSync } from 'node:fs';
export class ReportService {
  render(name: string) {
    return readFileSync(\`templates/\${name}.html\`, 'utf8');
  }
}`, 'readFileSync', alt(FS, 'readFile'), 4, 12),
  blocking(`import fs from 'fs';
export class UploadService {
  store(path: string, data: Buffer) {
    fs.writeFileSync(path, data);
  }
}`, 'fs.writeFileSync', alt(FS, 'writeFile'), 4, 5),
  blocking(`import * as fs from 'node:fs';
export class UploadService { list(path: string) { return fs.readdirSync(path); } }`, 'fs.readdirSync', alt(FS, 'readdir'), 2, 58),
  blocking(`const fs = require('fs');
export class UploadService { size(path: string) { return fs.readFileSync(path).length; } }`, 'fs.readFileSync', alt(FS, 'readFile'), 2, 58),
  blocking(`const { readFileSync: read } = require('node:fs');
export class UploadService { load(path: string) { return read(path); } }`, 'read', alt(FS, 'readFile'), 2, 58),
  blocking(`import { readFileSync as read } from 'node:fs';
export class UploadService { load(path: string) { return read(path); } }`, 'read', alt(FS, 'readFile'), 2, 58),
  blocking(`export class UploadService { load(path: string) { return require('fs').readFileSync(path); } }`, "require('fs').readFileSync", alt(FS, 'readFile'), 1, 58),
  // Removing a tree moves through every entry under it: still blocking.
  blocking(`import * as fs from 'node:fs';
export class UploadService { purge(dir: string) { fs.rmSync(dir, { recursive: true }); } }`, 'fs.rmSync', alt(FS, 'rm'), 2, 51),
  // A switch that holds in production too (only its name starts like a test switch) does not make the branch test-only.
  blocking(`import { readFileSync } from 'node:fs';
import { IS_TESTED } from '../conf';
export class EnrichmentService {
  async company(domain: string) {
    if (IS_TESTED) return JSON.parse(readFileSync(\`fixtures/\${domain}.json\`, 'utf8'));
    return this.client.find(domain);
  }
}`, 'readFileSync', alt(FS, 'readFile'), 5, 38),
  // The same helper with one caller passing a value: the path comes from the request.
  blocking(`import { readFileSync } from 'node:fs';
import { join } from 'node:path';
export class MailerService {
  async sendInvite(to: string, data: object) {
    return this.send(to, this.renderTemplate('invite.ejs', data));
  }
  async sendLocalized(to: string, locale: string, data: object) {
    return this.send(to, this.renderTemplate(\`\${locale}/notice.ejs\`, data));
  }
  private renderTemplate(templateFile: string, data: object) {
    return compile(readFileSync(join('./src/templates/emails', templateFile), 'utf8'))(data);
  }
}`, 'readFileSync', alt(FS, 'readFile'), 11, 20),
  // The helper's parameter given another value in its body, or a TypeScript \`this\` parameter before it: not the callers' literal.
  blocking(`import { readFileSync } from 'node:fs';
import { join } from 'node:path';
export class MailerService {
  async sendInvite(to: string, locale: string, data: object) {
    return this.send(to, this.renderTemplate('invite.ejs', locale, data));
  }
  private renderTemplate(templateFile: string, locale: string, data: object) {
    templateFile = locale + '/' + templateFile;
    return compile(readFileSync(join('./src/templates/emails', templateFile), 'utf8'))(data);
  }
}`, 'readFileSync', alt(FS, 'readFile'), 9, 20),
  blocking(`import { readFileSync } from 'node:fs';
import { join } from 'node:path';
export class MailerService {
  async preview(req) {
    return this.renderTemplate(req.query.file, 'invite.ejs');
  }
  private renderTemplate(this: MailerService, templateFile: string, fallback: string) {
    return readFileSync(join('./src/templates/emails', templateFile), 'utf8') || fallback;
  }
}`, 'readFileSync', alt(FS, 'readFile'), 8, 12),
  // A bundled file read once per element of a list, a path joined from a list, a path from a parameter: still blocking.
  blocking(`import { readFileSync } from 'node:fs';
import path from 'node:path';
export class TemplateService {
  list() {
    return ['welcome', 'reset'].map((name) => readFileSync(path.join(__dirname, 'templates', 'base.html'), 'utf8') + name);
  }
}`, 'readFileSync', alt(FS, 'readFile'), 5, 47),
  blocking(`import { readFileSync } from 'node:fs';
export class ExportService {
  read(parts: string[]) {
    return readFileSync(parts.join('/'), 'utf8');
  }
}`, 'readFileSync', alt(FS, 'readFile'), 4, 12),
  // Crypto and password hashing, in any serving code (a plain module of a server package too).
  blocking(`import { pbkdf2Sync } from 'node:crypto';
export function hashApiKey(key: string) {
  return pbkdf2Sync(key, 'salt', 100_000, 64, 'sha512').toString('hex');
}`, 'pbkdf2Sync', alt(CRYPTO, 'pbkdf2'), 3, 10, UTILS),
  blocking(`import crypto from 'crypto';
export function derive(secret: string, id: string) { return crypto.scryptSync(secret, id, 32); }`, 'crypto.scryptSync', alt(CRYPTO, 'scrypt'), 2, 61, UTILS),
  blocking(`import bcrypt from 'bcrypt';
export class AuthService {
  register(password: string) {
    return bcrypt.hashSync(password, 12);
  }
}`, 'bcrypt.hashSync', alt(BCRYPT, 'hash'), 4, 12),
  blocking(`import { compareSync } from 'bcryptjs';
export const checkPassword = (password: string, hash: string) => compareSync(password, hash);`, 'compareSync', alt(BCRYPT, 'compare'), 2, 66, UTILS),
  // A function named as a sync variant that does more than pass the call through still blocks where it runs.
  blocking(`import { hashSync as bcryptHashSync } from 'bcryptjs';
export function registerSync(users: Map<string, string>, name: string, password: string) {
  users.set(name, bcryptHashSync(password, 12));
}`, 'bcryptHashSync', alt(BCRYPT, 'hash'), 3, 19, UTILS),
  blocking(`import crypto from 'node:crypto';
export class FixtureService { noise() { return crypto.randomBytes(1_048_576); } }`, 'crypto.randomBytes', alt(CRYPTO, 'randomBytes'), 2, 48),
  // Compression and child processes in a handler.
  blocking(`import { gzipSync } from 'node:zlib';
import express from 'express';
const app = express();
app.get('/export', (req, res) => {
  res.send(gzipSync(JSON.stringify(req.query)));
});`, 'gzipSync', alt(ZLIB, 'gzip'), 5, 12, UTILS),
  blocking(`import { execSync } from 'node:child_process';
export function thumbnail(req: unknown, res: { send(x: Buffer): void }, next: () => void) {
  res.send(execSync('convert in.png -resize 64 out.png'));
}`, 'execSync', alt(PROCESS, 'exec'), 3, 12, UTILS),
  // A callback inside a handler still runs per request.
  blocking(`import { readFileSync } from 'node:fs';
export class ExportController {
  list(files: string[]) {
    return files.map((file) => readFileSync(file, 'utf8'));
  }
}`, 'readFileSync', alt(FS, 'readFile'), 4, 32, CONTROLLER),
  // A public method is callable per request even when start-up also calls it.
  blocking(`import { readFileSync } from 'node:fs';
export class TemplateService {
  onModuleInit() { this.render('welcome'); }
  render(name: string) { return readFileSync(name, 'utf8'); }
}`, 'readFileSync', alt(FS, 'readFile'), 4, 33),
  // Typed: the declaration in @types/node says it is the file system module.
  {
    ...blocking(`import type * as FsModule from 'node:fs';
export class ReportService { constructor(private readonly fs: typeof FsModule) {}
  render(name: string) { return this.fs.readFileSync(name, 'utf8'); } }`, 'this.fs.readFileSync', alt(FS, 'readFile'), 3, 33),
    mode: 'typed',
  },
];

runRuleTests('no-event-loop-blocking', rule, { valid, invalid });
