// Renders an HTML audit report in headless Chromium at 1,280 px and writes PNGs, to check that the
// page renders without a network and does not scroll sideways. Usage (after `npm run build`):
//   node scripts/screenshot-report.js [--example] [--out <folder>] [--from-json <report.json>]
// By default it generates a backend with 1,000 routes (200 modules of five routes, the bench
// generator's project) and seeds untyped throws and personal data in logs into its services until
// the audit has about 700 findings; `--example` renders the example app instead.
// Writes report.json, report.html, top.png, grouped.png, filtered.png, graph.png and routes.png to the folder (default
// dist/report-screenshots/), and fails when the page is wider than the window.
// Needs Debian's `chromium` package (/usr/bin/chromium) or CHROMIUM=/path/to/chrome.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const example = args.includes('--example');
const outIndex = args.indexOf('--out');
const jsonIndex = args.indexOf('--from-json');
// A JSON report of an earlier run (the folder's report.json) renders again without auditing.
const fromJson = jsonIndex >= 0 ? path.resolve(args[jsonIndex + 1] ?? '') : undefined;
const output = path.resolve(outIndex >= 0 && args[outIndex + 1] !== undefined ? args[outIndex + 1] : path.join(repo, 'dist', 'report-screenshots'));
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WIDTH = 1280;
const ROUTES = 1000;
const FINDINGS = 700;
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars'];

function fail(message) {
  process.stderr.write(`screenshot-report: ${message}\n`);
  process.exit(2);
}

if (!existsSync(chromium)) fail(`no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM)`);
const cli = path.join(repo, 'dist', 'src', 'audit', 'cli.js');
if (!existsSync(cli)) fail('no dist/ (run npm run build first)');

const work = mkdtempSync(path.join(tmpdir(), 'backend-patterns-report-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/**
 * The generated project: 200 modules × 5 routes. The generator seeds a few findings per hundred
 * modules; this adds more of the same kinds a real codebase has (an `Error` thrown where the module
 * has its own error class, a logged e-mail address), one per edit, until the expected count is 700.
 */
function generatedProject() {
  const generator = path.join(repo, 'bench', 'out', 'generate.js');
  if (!existsSync(generator)) execFileSync('npx', ['tsc', '-p', 'bench/tsconfig.json'], { cwd: repo, stdio: 'inherit' });
  return import(pathToFileURL(generator).href).then(({ generateProject }) => {
    const root = path.join(work, 'generated-backend');
    // 6 files per module (dto, errors, repository, service, controller, routes) plus the shared ones;
    // this count gives 200 modules with routes (the last module is cut short before its routes).
    generateProject(root, 6 + (ROUTES / 5) * 6, { nodeModules: path.join(repo, 'node_modules') });
    const modules = readdirSync(path.join(root, 'src', 'modules')).sort();
    // What the generator's own seeds give with its fixed seed: one layer finding per module and the seeded ones.
    const seeded = 272;
    let edits = 0;
    const services = modules.map((name) => path.join(root, 'src', 'modules', name, `${name}.service.ts`)).filter((file) => existsSync(file));
    const texts = services.map((file) => readFileSync(file, 'utf8'));
    const kinds = [
      (text) => text.replace(/this\.logger\.info\(\{ (\w+)Id: created\.id \}, '(\w+) created'\);/, "this.logger.info({ $1Id: created.id, email: input.email, owner }, '$2 created');"),
      (text) => text.replace(/throw new (\w+)AlreadyExistsError\(([^;]*)\);/, "throw new Error('$1 already exists: ' + $2);"),
      (text) => text.replace(/throw new (\w+)NotFoundError\(id\);/, "throw new Error('$1 ' + id + ' not found');"),
    ];
    for (const kind of kinds) {
      for (let index = 0; index < texts.length && seeded + edits < FINDINGS; index += 1) {
        const next = kind(texts[index]);
        if (next === texts[index]) continue;
        texts[index] = next;
        edits += 1;
      }
    }
    texts.forEach((text, index) => writeFileSync(services[index], text));
    return { root, args: ['--no-config-lookup'] };
  });
}

const project = fromJson !== undefined
  ? undefined
  : example
  ? { root: path.join(repo, 'fixtures', 'example-app'), args: ['--config', path.join(repo, 'fixtures', 'example-app', 'backend-patterns.config.json')] }
  : await generatedProject();

const html = path.join(work, 'report.html');
const json = path.join(work, 'report.json');
// One audit run (a large project takes a minute or two); the HTML report is the same formatter the CLI's --format html uses.
if (fromJson === undefined) {
  const audit = spawnSync(process.execPath, [cli, 'audit', project.root, ...project.args, '--format', 'json', '--output', json, '--fail-on', 'never'], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
  if (audit.status !== 0) fail(`the audit exited with ${String(audit.status)}`);
}
const report = JSON.parse(readFileSync(fromJson ?? json, 'utf8'));
mkdirSync(output, { recursive: true });
if (fromJson === undefined) writeFileSync(path.join(output, 'report.json'), readFileSync(json, 'utf8'));
const { formatHtml } = await import(pathToFileURL(path.join(repo, 'dist', 'src', 'audit', 'report', 'html.js')).href);
writeFileSync(html, formatHtml(report));
process.stdout.write(`report: ${String(report.routes.length)} routes, ${String(report.findings.length)} findings in ${String(report.summary.files)} files\n`);

/**
 * A copy of the report for one view: the sections before `section` hidden (a headless screenshot
 * shows the top of the page), and, when `probe` is set, the page's width measured after its script ran.
 */
function viewPage(name, section, probe) {
  const file = path.join(work, `${name}.html`);
  const hide = section === undefined ? '' : `const target = document.getElementById(${JSON.stringify(section)}); for (const element of document.body.children) { if (element === target || element.contains(target)) break; element.style.display = 'none'; }`;
  const measure = probe ? "const wide = [...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > innerWidth + 1).map((element) => element.tagName + (element.id ? '#' + element.id : '')); document.body.setAttribute('data-probe', JSON.stringify({ scrollWidth: document.documentElement.scrollWidth, innerWidth, wide: wide.slice(0, 10) }));" : '';
  writeFileSync(file, readFileSync(html, 'utf8').replace('</body>', `<script>addEventListener('load', () => { ${hide} ${measure} });</script></body>`));
  return file;
}

function chrome(height, extra, page, query) {
  return spawnSync(chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${path.join(work, 'profile')}`, `--window-size=${String(WIDTH)},${String(height)}`, '--virtual-time-budget=5000', ...extra, pathToFileURL(page).href + query], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
}

/** Chromium's view of the whole page after its script ran: the document's width against the window's. */
function overflow(query) {
  const dump = chrome(1000, ['--dump-dom'], viewPage('probe', undefined, true), query);
  const match = /data-probe="([^"]*)"/.exec(dump.stdout ?? '');
  if (match === null) fail(`Chromium did not render the probe (${String(dump.status)}): ${(dump.stderr ?? '').split('\n').slice(-3).join(' ')}`);
  return JSON.parse(match[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

function screenshot(name, query, height, section) {
  const file = path.join(output, name);
  const shot = chrome(height, [`--screenshot=${file}`], viewPage(name, section, false), query);
  if (shot.status !== 0 || !existsSync(file)) fail(`Chromium failed (${String(shot.status)}): ${(shot.stderr ?? '').split('\n').slice(-3).join(' ')}`);
  process.stdout.write(`${file}\n`);
}

mkdirSync(output, { recursive: true });
writeFileSync(path.join(output, 'report.html'), readFileSync(html, 'utf8'));
const views = [
  ['top.png', '', 1600, undefined],
  ['grouped.png', '?group=rule', 1400, 'findings-section'],
  ['filtered.png', '?severity=error&group=folder&rule=no-untyped-throw', 1400, 'findings-section'],
  ['graph.png', '?open=layer-edges', 1100, 'layer-graph-section'],
  ['routes.png', '?open=routes-section', 1400, 'route-table'],
];
let wide = false;
for (const [name, query, height, section] of views) {
  const probe = overflow(query);
  if (probe.scrollWidth > WIDTH) {
    wide = true;
    process.stderr.write(`screenshot-report: ${name}: the page is ${String(probe.scrollWidth)} px wide at ${String(WIDTH)} px (${probe.wide.join(', ')})\n`);
  }
  screenshot(name, query, height, section);
}
if (wide) process.exit(1);
process.stdout.write(`no horizontal overflow at ${String(WIDTH)} px\n`);
