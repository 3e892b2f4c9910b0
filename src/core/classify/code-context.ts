import { DB_PACKAGES } from '../catalogs/db-clients.js';
import { DI_DECORATORS } from '../catalogs/frameworks.js';
import type { ValueFact } from '../facts.js';
import { nameParts, packageNameOf } from './names.js';

/**
 * Where a piece of code runs, from the evidence of its own file (SPEC §3 "Default scope"): a
 * terminal program (a CLI, a dev tool), start-up code (bootstrap, module initialisation, signal
 * handlers), a background worker with no HTTP response, a package that is no server at all. The
 * request-path rules (`no-untyped-throw`, the logging rules, the event-loop rules) stay silent
 * where their premise — a request served by this code — does not hold.
 */

/** Packages whose import makes a file a terminal program: argument parsers, prompts, terminal styling and spinners. */
export const TERMINAL_PACKAGES = [
  'commander', 'yargs', 'yargs/yargs', 'meow', 'cac', 'sade', 'clipanion', '@oclif/core', 'nest-commander', 'inquirer', '@inquirer/prompts',
  'prompts', 'enquirer', '@clack/prompts', 'chalk', 'picocolors', 'kleur', 'colorette', 'ora', 'boxen', 'listr2', 'cli-progress', 'cli-table3',
  'minimist', 'arg', 'commander-js',
  // Build tools and their plugins, and the TypeScript compiler's API: code that runs at build time on a developer's machine.
  'vite', 'rollup', 'webpack', 'esbuild', 'tsup', '@babel/core', '@babel/parser', '@babel/traverse', '@babel/types', 'typescript',
] as const;

/** Path segments of terminal programs and dev tooling. */
export const TERMINAL_PATH_WORDS = ['cli', 'bin', 'cmd', 'dev-env', 'devtools', 'dev-tools', 'tools', 'tooling', 'examples', 'example', 'playground', 'migration-scripts'] as const;

/** Path segments and file-name parts of background workers: queues, jobs, cron, consumers. */
export const WORKER_PATH_WORDS = ['worker', 'workers', 'job', 'jobs', 'queue', 'queues', 'cron', 'crons', 'consumer', 'consumers', 'processor', 'processors', 'scheduler', 'schedulers', 'daemon', 'daemons'] as const;

/**
 * Class, method and property decorators of background work: BullMQ / Bull processors, NestJS schedule and events, microservice
 * handlers, and NestJS CQRS event handlers and sagas (`@EventsHandler(OrderPlaced)`, `@Saga()`): `EventBus.publish` hands the
 * event to them through a stream and returns, so no request waits for them or sees what they throw
 * (https://docs.nestjs.com/recipes/cqrs#events). `@CommandHandler` and `@QueryHandler` are not here: `commandBus.execute(…)`
 * returns the handler's result to its caller, often a controller.
 */
export const WORKER_DECORATORS = [
  'Processor', 'Process', 'Cron', 'Interval', 'Timeout', 'OnQueueActive', 'OnQueueFailed', 'OnWorkerEvent', 'EventPattern', 'MessagePattern', 'OnEvent', 'RabbitSubscribe',
  'SqsMessageHandler', 'EventsHandler', 'Saga',
] as const;

/**
 * Functions that run once at start-up or shutdown, never for a request: `bootstrap()`, `main()`,
 * NestJS lifecycle hooks, plugin and config factories.
 */
export const STARTUP_FUNCTION_NAMES = [
  'bootstrap', 'main', 'startServer', 'onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown',
  'onApplicationShutdown', 'validateOptions', 'forRoot', 'forRootAsync', 'registerAsync', 'forFeature', 'forFeatureAsync',
] as const;

/** Prefixes of start-up functions: `createServer`, `initDatabase`, `getConfig`, `defineConfig`, `normalizeProjectConfig`, `loadEnv`, `setupApp`, `startCron`, `startWorkers`, `defineJob` (a definition registered at load time). */
const STARTUP_NAME_PATTERN = /^(?:init|initialize|initialise|setup|bootstrap|load|read|parse|get|define|create|validate|build|make|resolve)(?:[A-Z][a-z]*)*(?:Config|Configuration|Env|Environment|Options?|Settings|Secrets)$|^normali[sz]e(?:[A-Z][a-z]*)*(?:Config|Configuration|Env|Environment)$|^(?:init|initialize|initialise|bootstrap|setup|configure)[A-Z]|^(?:create|start|build|make)(?:App|Application|Server|Http|Fastify|Express)|^start(?:Cron|Crons|Poller|Scheduler|Worker|Workers|Jobs|Queues?|Consumers?|Listeners?)$|^define[A-Z]|^ensure(?:Default|Initial|Builtin|BuiltIn|System|Root|Super|Global)\w*(?:Exists?|Created)$|^ensure[A-Z]\w*(?:Initiali[sz]ed|Installed|Seeded|Registered)$/;

/**
 * Types of the argument a framework hands to the hooks it runs once at start-up: Medusa's
 * `LoaderOptions` (a module's loader, run while the application boots,
 * https://docs.medusajs.com/learn/fundamentals/modules/loaders). A function whose parameter is typed
 * by one, imported from the framework, is such a hook.
 */
export const STARTUP_HOOK_PARAMETER_TYPES: Readonly<Record<string, readonly string[]>> = {
  LoaderOptions: ['@medusajs/framework/types', '@medusajs/types', '@medusajs/framework', '@medusajs/medusa', '@medusajs/modules-sdk'],
};

/**
 * Calls that build the application, which only start-up code does: NestJS `NestFactory.create(…)`,
 * `createApplicationContext`, `createMicroservice` (https://docs.nestjs.com/first-steps). A function
 * that makes one boots the app (or a script around it), not a request.
 */
export const APP_FACTORY_CALLS = [['NestFactory', 'create'], ['NestFactory', 'createApplicationContext'], ['NestFactory', 'createMicroservice']] as const satisfies readonly (readonly [string, string])[];

/** `true` for a call path (`['NestFactory', 'create']`) that builds the application. */
export function isAppFactoryCall(names: readonly string[]): boolean {
  return names.length === 2 && APP_FACTORY_CALLS.some(([object, method]) => names[0] === object && names[1] === method);
}

/** A type a function's parameter is annotated with, imported by name from a module (`{ container }: LoaderOptions` → `LoaderOptions` from `@medusajs/framework/types`). */
export interface ImportedTypeFact {
  readonly name: string;
  readonly source: string;
}

/** What an adapter reads of a function to judge whether it runs at start-up. */
export interface FunctionStartupFacts {
  readonly name?: string | undefined;
  readonly parameterTypes?: readonly ImportedTypeFact[];
  /** Its body (outside the functions it defines) calls an application factory (`isAppFactoryCall`). */
  readonly buildsApplication?: boolean;
  /** The call it is handed to, by that call's method name and first string argument (`fastify.addHook('onRoute', fn)` → `addHook`, `onRoute`). */
  readonly registeredAs?: { readonly method: string; readonly event: string } | undefined;
}

/**
 * Fastify's application hooks: they run while routes and plugins are registered, once the server is
 * ready or listening, and when it closes, never for a request
 * (https://fastify.dev/docs/latest/Reference/Hooks/#application-hooks).
 */
export const APPLICATION_HOOK_EVENTS = ['onRoute', 'onRegister', 'onReady', 'onListen', 'onClose', 'preClose'] as const satisfies readonly string[];

/**
 * Why a function runs once at start-up (`start-up function 'x'`, with the evidence when it is not
 * the name, so callers that test the reason's first words read all three alike), or undefined: its
 * name (`bootstrap`, `onModuleInit`, `createApp`), a parameter typed by a framework's start-up hook
 * (`STARTUP_HOOK_PARAMETER_TYPES`), a body that builds the application (`NestFactory.create`), or its
 * registration as an application hook (`fastify.addHook('onRoute', fn)`, `APPLICATION_HOOK_EVENTS`,
 * a server's `listen` callback).
 */
export function startupFunctionReason(fn: FunctionStartupFacts): string | undefined {
  if (fn.name !== undefined && isStartupFunctionName(fn.name)) return `start-up function '${fn.name}'`;
  const named = fn.name === undefined ? 'start-up function' : `start-up function '${fn.name}'`;
  const hook = fn.parameterTypes?.find((type) => STARTUP_HOOK_PARAMETER_TYPES[type.name]?.includes(type.source) === true);
  if (hook !== undefined) return `${named} (a framework hook: ${hook.name})`;
  if (fn.buildsApplication === true) return `${named} (builds the application)`;
  if (isApplicationHook(fn)) return fn.registeredAs?.method === 'listen' ? `${named} (a server's listen callback)` : `${named} (an application hook: ${fn.registeredAs?.event ?? ''})`;
  return undefined;
}

/** A name for a port (`port`, `PORT`, `httpPort`, `API_PORT`), by its last part. */
function isPortName(name: string): boolean {
  return nameParts(name).at(-1) === 'port';
}

/**
 * Is the first argument of a `listen` a port (the listen a server's start): a number, a name or
 * member naming one (`PORT`, `config.port`, `process.env.PORT`), `{ port }` options, the key a
 * getter is asked for (`app.get('port')`), through a conversion or a fallback (`Number(x) || 8080`)?
 * A channel (`sql.listen(CHANNEL, fn)`, `bus.listen(Events.OrderCreated, fn)`) is none.
 */
export function namesPort(value: ValueFact): boolean {
  switch (value.kind) {
    case 'number':
      return true;
    case 'string':
      return isPortName(value.text);
    case 'object':
      return value.properties.some((property) => property.key === 'port');
    case 'binary':
      return (value.operator === '||' || value.operator === '??' || value.operator === '&&') && namesPort(value.left);
    case 'call': {
      const first = value.chain.segments.at(-1)?.call?.args[0];
      return first !== undefined && namesPort(first);
    }
    case 'identifier':
      return isPortName(value.name);
    case 'member':
      return isPortName(value.path.at(-1) ?? '');
    default:
      return false;
  }
}

/**
 * Registered as an application hook (`fastify.addHook('onRoute', fn)`, {@link APPLICATION_HOOK_EVENTS}),
 * or as the callback of a server's `listen` given a port (`app.listen(port, () => …)`: it runs once
 * the server listens; `sql.listen(CHANNEL, fn)` of postgres.js names a channel and runs per notification).
 * Its own body runs at start-up; a function it defines does not inherit that (see `enclosingScopesReason`).
 */
export function isApplicationHook(fn: FunctionStartupFacts): boolean {
  if (fn.registeredAs?.method === 'listen') return fn.registeredAs.event === '';
  return fn.registeredAs?.method === 'addHook' && (APPLICATION_HOOK_EVENTS as readonly string[]).includes(fn.registeredAs.event);
}

/** Packages that make a package a server: if its package.json depends on none, its code serves no request. */
export const SERVER_PACKAGES = [
  'express', 'fastify', 'koa', 'hono', '@hono/node-server', '@nestjs/core', '@nestjs/common', '@hapi/hapi', 'restify', 'next', '@remix-run/node',
  '@trpc/server', 'graphql-yoga', '@apollo/server', 'apollo-server', 'apollo-server-express', 'type-graphql', '@connectrpc/connect-node',
  '@connectrpc/connect-express', '@connectrpc/connect-fastify', 'h3', 'nitropack', 'elysia', '@atproto/xrpc-server', 'micro', 'polka', '@feathersjs/feathers',
  'loopback', '@loopback/core', 'adonisjs', '@adonisjs/core', 'sails', 'moleculer', '@medusajs/framework', '@medusajs/medusa', '@vendure/core',
  '@sveltejs/kit', 'nuxt', 'astro', '@tanstack/start', '@tanstack/react-start',
] as const;

/** React hooks that only run in a browser: a React Server Component cannot call them (https://react.dev/reference/rsc/server-components). */
export const CLIENT_ONLY_REACT_HOOKS = ['useState', 'useEffect', 'useLayoutEffect', 'useReducer', 'useSyncExternalStore', 'useInsertionEffect'] as const;

/**
 * Packages of React hooks for a page's data and navigation: `useQuery` of TanStack Query, `useSWR`,
 * Apollo's and urql's `useQuery`, React Router's `useNavigate`. A hook runs inside a component, so a
 * module that imports one is a page's code, never a request handler's.
 */
export const REACT_HOOK_PACKAGES = [
  '@tanstack/react-query', 'react-query', 'swr', '@apollo/client', 'urql', '@urql/preact', 'react-router', 'react-router-dom', 'next/navigation', 'next/router', 'wouter',
  '@trpc/react-query', '@mantine/hooks', '@mantine/form', 'react-hook-form',
] as const;

/** `useQuery`, `useSWR`, `useNavigate`: the name of a React hook (React's rules of hooks). */
export function isHookName(name: string): boolean {
  return /^use[A-Z0-9]/.test(name);
}

/**
 * Globals only a browser page defines: reading one as a global of its own makes a module a page's
 * script. Not `navigator`: Node.js 21 defines it too (`navigator.hardwareConcurrency`).
 */
export const BROWSER_ONLY_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage'] as const;

/**
 * Is this module browser code? It starts with the `'use client'` directive, imports a React hook
 * that only runs in a browser (`useState`, `useEffect`, …) from `react`, or imports a hook of a
 * page's data or navigation library (`useQuery` of `@tanstack/react-query`, `useSWR`) or a page's state
 * store (`create` of `zustand`, `CLIENT_STATE_PACKAGES`), or reads a
 * browser-only global (`window`, `document`, `localStorage`) it neither declares nor tests with `typeof`.
 * Its `console` is the browser's, its fetches are the user's, and it serves no request.
 */
export function isBrowserModule(facts: {
  readonly directives: readonly string[];
  readonly reactImports: readonly string[];
  readonly hookImports?: readonly { readonly source: string; readonly name: string }[];
  readonly exportedNames?: readonly string[];
  /** Globals the module reads without declaring them, `typeof` operands aside. */
  readonly freeGlobals?: readonly string[];
  /** Globals the module tests with `typeof` (`typeof window !== 'undefined'`). */
  readonly typeofGlobals?: readonly string[];
}): boolean {
  if (facts.directives.includes('use client')) return true;
  // A tracking script bundled for visitors' pages from a server's source tree: it reads `window`
  // or `document` as globals of its own, and never asks whether they exist (isomorphic
  // code does: `typeof window !== 'undefined'`).
  const browserOnly = (name: string): boolean => (BROWSER_ONLY_GLOBALS as readonly string[]).includes(name);
  if ((facts.freeGlobals ?? []).some(browserOnly) && !(facts.typeofGlobals ?? []).some(browserOnly)) return true;
  // A route module of a full-stack framework keeps its server half in the same file (`export async function loader`).
  if ((facts.exportedNames ?? []).some((name) => (SERVER_ENTRY_EXPORTS as readonly string[]).includes(name))) return false;
  return (
    facts.reactImports.some((name) => (CLIENT_ONLY_REACT_HOOKS as readonly string[]).includes(name)) ||
    (facts.hookImports ?? []).some(({ source, name }) => (isHookName(name) && (REACT_HOOK_PACKAGES as readonly string[]).includes(source)) || (CLIENT_STATE_PACKAGES as readonly string[]).includes(source))
  );
}

/**
 * State stores of a React page (`import { create } from 'zustand'`, jotai atoms, valtio proxies,
 * Recoil, MobX's React bindings): a module that imports one keeps the state of a user's screen, in
 * the browser. Stores a framework also runs while rendering on the server (Nuxt's Pinia) are not listed.
 */
export const CLIENT_STATE_PACKAGES = ['zustand', 'zustand/middleware', 'jotai', 'jotai/utils', 'valtio', 'recoil', 'mobx-react', 'mobx-react-lite', '@nanostores/react'] as const;

/**
 * Exports that run on the server in a module that also holds a page: Remix / React Router
 * `loader` and `action`, Next.js `getServerSideProps` / `getStaticProps` / `generateMetadata`, and
 * route handlers named for HTTP methods (`GET`, `POST`).
 */
export const SERVER_ENTRY_EXPORTS = [
  'loader', 'action', 'clientLoader', 'getServerSideProps', 'getStaticProps', 'getStaticPaths', 'generateMetadata', 'generateStaticParams',
  'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS',
] as const;

/**
 * The browser half of a module split by runtime: a file named `client` beside one named `server`
 * (`limits/client.ts` fetching the app's API for a React provider, `limits/server.ts` querying the
 * database) that reads a browser-public setting (`NEXT_PUBLIC_WEBAPP_URL`). The pair says the folder
 * keeps one feature's browser code and server code apart. A
 * `client.ts` alone (a Redis or payments client) or a `*.client.ts` (a NestJS API client class)
 * is server code.
 */
export function isBrowserHalfOfSplit(path: string, siblingFiles: readonly string[], namesInFile: readonly string[]): boolean {
  const moduleName = (file: string): string | undefined => /^(.+)\.[cm]?[jt]sx?$/.exec(file)?.[1];
  return (
    moduleName(path.replaceAll('\\', '/').split('/').pop() ?? '') === 'client' &&
    siblingFiles.some((sibling) => moduleName(sibling) === 'server') &&
    // The pair alone also fits an RPC client kept beside its RPC server: the file must read a value
    // its framework ships to the browser.
    namesInFile.some(isBrowserPublicEnvName)
  );
}

/** A configuration value bundlers expose to browser code: `NEXT_PUBLIC_APP_URL`, `VITE_API_URL`, `REACT_APP_API`, `EXPO_PUBLIC_…`, `NUXT_PUBLIC_…`. */
export function isBrowserPublicEnvName(name: string): boolean {
  return /^(?:NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC|NUXT_PUBLIC|PUBLIC)_[A-Z0-9_]+$/.test(name);
}

/** Health-check libraries: a module that imports one serves liveness and readiness probes. */
export const HEALTH_CHECK_PACKAGES = ['@nestjs/terminus', '@godaddy/terminus', '@cloudnative/health-connect', 'lightship'] as const;

/**
 * Is this module a health check? It imports a health-check library. Its DB access is a probe
 * (`db.pingCheck('database', prisma)` with the client injected for it), not data access that a
 * service layer should own.
 */
export function isHealthCheckModule(importSources: readonly string[]): boolean {
  return importSources.some((source) => (HEALTH_CHECK_PACKAGES as readonly string[]).includes(packageNameOf(source) ?? source));
}

const TERMINAL_PACKAGE_SET: ReadonlySet<string> = new Set(TERMINAL_PACKAGES);
const TERMINAL_PATH_WORD_SET: ReadonlySet<string> = new Set(TERMINAL_PATH_WORDS);
const WORKER_PATH_WORD_SET: ReadonlySet<string> = new Set(WORKER_PATH_WORDS);
/** Words that, beside a worker word, name a folder of background work (`background-jobs/`, `scheduled_jobs/`). */
const BACKGROUND_WORDS: ReadonlySet<string> = new Set(['background', 'scheduled', 'recurring', 'periodic', 'bg']);
/** The last word of a file named for the request layer (`export-jobs.routes.ts`): no worker, whatever it is about. */
const REQUEST_LAYER_FILE_WORDS: ReadonlySet<string> = new Set(['controller', 'controllers', 'route', 'routes', 'router', 'resolver', 'resolvers']);

/**
 * Is this module a terminal program? It imports an argument parser or terminal styling, reads
 * `process.argv`, is a yargs command module, sits in a folder of CLIs or dev tools, or is one of its package's scripts
 * (`packageScript`: `core/package-scripts.ts`, run from package.json or a helper of such scripts).
 */
export function isTerminalProgram(facts: { readonly importSources: readonly string[]; readonly readsArgv: boolean; readonly path: string; readonly packageScript?: boolean; readonly text?: string }): boolean {
  if (facts.readsArgv || facts.packageScript === true || (facts.text !== undefined && isCommandModuleText(facts.text))) return true;
  if (facts.importSources.some((source) => TERMINAL_PACKAGE_SET.has(source) || TERMINAL_PACKAGE_SET.has(packageNameOf(source) ?? ''))) return true;
  const folders = facts.path.replaceAll('\\', '/').toLowerCase().split('/');
  const file = folders.pop() ?? '';
  const base = file.replace(/\.[cm]?[jt]sx?$/, '');
  return folders.some((folder) => TERMINAL_PATH_WORD_SET.has(folder) || /-(?:cli|example|examples|playground)$/.test(folder)) || base === 'cli' || base.endsWith('.cli') || base.endsWith('-cli') || base === 'bin';
}

/**
 * A yargs command module (`export const command = 'health'` beside `export function handler(…)`, the
 * shape `commandDir` loads): a subcommand of the project's CLI, run by an operator — not one that
 * builds and starts the HTTP server (`app.listen(…)`, `express()`, `new Koa()`, `NestFactory.create`).
 */
export function isCommandModuleText(text: string): boolean {
  if (!/\bexport\s+const\s+command\s*=\s*['"`]/.test(text) || !/\bexport\s+(?:async\s+)?function\s+handler\b|\bexport\s+const\s+handler\s*=/.test(text)) return false;
  // A `serve` / `start` command that builds and starts the HTTP server is the server itself.
  return !/\.listen\s*\(|\b(?:express|fastify|Fastify)\s*\(|\bnew\s+(?:Koa|Hono)\s*\(|\bNestFactory\.create\b/.test(text);
}

/** Is this module background work by its path (`jobs/`, `cron_jobs/`, `queues/`, `*.processor.ts`, `*.worker.ts`, `*.cron.ts`, `*.consumer.ts`)? */
export function isWorkerPath(path: string): boolean {
  const pieces = path.replaceAll('\\', '/').toLowerCase().split('/');
  const file = (pieces.pop() ?? '').replace(/\.[cm]?[jt]sx?$/, '');
  // `sync.worker.ts`, `email-consumer.ts`, `email-queue-service.ts`, and a file named for the role alone
  // (`worker.ts`, `daemon.ts`); not the first word of `jobs.controller.ts` (an HTTP API about jobs),
  // nor any word of a file named for the request layer (`export-jobs.routes.ts`, `job-queue.controller.ts`).
  const fileWords = file.split(/[.\-_]/);
  const roleWords = fileWords.length === 1 ? fileWords : REQUEST_LAYER_FILE_WORDS.has(fileWords[fileWords.length - 1] ?? '') ? [] : fileWords.slice(1);
  // A folder named for the role, alone or in words that all say background work (`jobs/`, `cron_jobs/`,
  // `background-workers/`, `scheduled-jobs/`; not `export-jobs/` nor `email-queue/`, features a request may serve).
  const workerFolder = (words: readonly string[]): boolean => words.some((word) => WORKER_PATH_WORD_SET.has(word)) && words.every((word) => WORKER_PATH_WORD_SET.has(word) || BACKGROUND_WORDS.has(word));
  return pieces.some((folder) => workerFolder(folder.split(/[-_]/))) || roleWords.some((word) => WORKER_PATH_WORD_SET.has(word));
}

/** Job-queue packages: a function that receives one of their jobs runs in a worker. */
export const QUEUE_PACKAGES = ['bullmq', 'bull', 'bee-queue', 'pg-boss', 'agenda', '@nestjs/bull', '@nestjs/bullmq', 'graphile-worker', 'kue', 'better-queue'] as const;

/**
 * Is an import source a job queue: a queue package, or a module of the project's own queue
 * (`../job-queue/job`, `./queues/types`)? A function whose parameter is typed by a class imported
 * from one (`reindex(job: Job<Data>)`) processes a job in a worker, not a request.
 */
export function isQueueModule(source: string): boolean {
  if ((QUEUE_PACKAGES as readonly string[]).includes(packageNameOf(source) ?? source)) return true;
  return source.startsWith('.') && source.split('/').some((segment) => /^(?:job-?queues?|queues?)$/.test(segment.toLowerCase()));
}

/** Decorators (as called, `nest.Processor` too) that mark background work. */
export function hasWorkerDecorator(decorators: readonly string[]): boolean {
  return decorators.some((decorator) => (WORKER_DECORATORS as readonly string[]).includes(decorator.slice(decorator.lastIndexOf('.') + 1)));
}

/** A function that runs at start-up or shutdown by its name (`bootstrap`, `onModuleInit`, `getDatabaseConfig`, `createApp`). */
export function isStartupFunctionName(name: string): boolean {
  return (STARTUP_FUNCTION_NAMES as readonly string[]).includes(name) || STARTUP_NAME_PATTERN.test(name);
}

/**
 * Does a package with these dependencies (package.json `dependencies` and `peerDependencies`) run
 * on a server? It depends on a server framework, on a database library (its code runs queries for
 * a server: a monorepo's `lib` or `services` package), or on a workspace package named as one
 * (`@acme/db`, `@acme/server`). Client SDKs, parsers and UI packages depend on none of these.
 */
export function isServerPackage(dependencies: readonly string[]): boolean {
  // A package.json that lists no dependency says nothing (dependencies hoisted to a workspace root, a bare app).
  if (dependencies.length === 0) return true;
  return dependencies.some((name) =>
    (SERVER_PACKAGES as readonly string[]).includes(name) || Object.hasOwn(DB_PACKAGES, name) ||
    (name.startsWith('@') && /\/(?:db|database|prisma|drizzle|orm|server|backend|api|services?)(?:-|$)/.test(name)));
}

/** What an adapter reads of a file for `outsideRequestReason`. */
export interface FileContextFacts {
  readonly terminalProgram: boolean;
  /** False when the nearest package.json names no server framework among its dependencies (`isServerPackage`). */
  readonly serverPackage: boolean;
  readonly workerPath: boolean;
}

/**
 * One enclosing scope of a piece of code, as an adapter reads it: the then-branch of an `if` or a
 * `?:` (its condition as written), a function (its name, whether it is a `process.on('SIGTERM', …)`
 * callback, its decorators when it is a method), a class (its decorators).
 */
export type EnclosingScopeFact =
  /** `conditionValue`: the value of the `const` a lone-name condition reads (`if (IS_DEMO)` with `const IS_DEMO = env.NODE_ENV === 'development'`). */
  | { readonly kind: 'branch'; readonly condition: string; readonly conditionValue?: string }
  /** An earlier statement of an enclosing block, `if (condition) return/throw …;`: the code runs only where it fails. */
  | { readonly kind: 'guard'; readonly exitCondition: string; readonly exitConditionValue?: string }
  | (FunctionStartupFacts & {
      readonly kind: 'function';
      readonly signalHandler: boolean;
      readonly decorators: readonly string[];
      /** The function is an argument of a headless browser's page method (core `isPageFunctionMethod`): it runs in the page. */
      readonly pageFunction: boolean;
    })
  | { readonly kind: 'class'; readonly decorators: readonly string[] };

/**
 * Why code serves no request, or undefined when it may, from its file and its enclosing scopes
 * (innermost first): `terminal program`, `not a server package`, `background worker` (by path, by
 * decorator, or a function with a parameter typed by a job queue's class), `module top
 * level`, `start-up function 'x'`, `signal handler`, `development-only branch`. Both engines ask it,
 * so a rule and the audit stay silent in the same places.
 */
export function outsideRequestReason(file: FileContextFacts, scopes: readonly EnclosingScopeFact[]): string | undefined {
  if (file.terminalProgram) return 'terminal program';
  if (!file.serverPackage) return 'not a server package';
  if (file.workerPath) return 'background worker';
  return enclosingScopesReason(scopes) ?? (scopes.some((scope) => scope.kind === 'function') ? undefined : 'module top level');
}

/**
 * The reason the first of these enclosing scopes (innermost first) gives for code serving no
 * request, or undefined; `outsideRequestReason` without the file's facts and without `module top
 * level`. Adapters may judge the scopes above a function once for all the code inside it.
 */
export function enclosingScopesReason(scopes: readonly EnclosingScopeFact[]): string | undefined {
  let innerFunction = false;
  for (const scope of scopes) {
    if (scope.kind === 'branch') {
      if (isDevOnlyCondition(scope.condition) || (scope.conditionValue !== undefined && isDevOnlyCondition(scope.conditionValue))) return 'development-only branch';
    } else if (scope.kind === 'guard') {
      if (isProductionCondition(scope.exitCondition) || (scope.exitConditionValue !== undefined && isProductionCondition(scope.exitConditionValue))) return 'development-only branch';
    } else if (scope.kind === 'function') {
      if (scope.signalHandler) return 'signal handler';
      if (scope.pageFunction) return 'browser page function';
      // An application hook's own body runs at start-up; a function it defines (a `preHandler` it
      // attaches to the route in `onRoute`) runs per request.
      const startup = startupFunctionReason(innerFunction && isApplicationHook(scope) ? { ...scope, registeredAs: undefined } : scope);
      if (startup !== undefined) return startup;
      innerFunction = true;
      if (hasWorkerDecorator(scope.decorators)) return 'background worker';
      // A function that receives a queue's job (`reindex(job: Job<Data>)`) processes it in a worker.
      if (scope.parameterTypes?.some((type) => isQueueModule(type.source)) === true) return 'background worker';
    } else if (hasWorkerDecorator(scope.decorators)) return 'background worker';
  }
  return undefined;
}

/**
 * Methods of Puppeteer and Playwright whose function argument runs in the browser page, not in the
 * server: `page.evaluate(() => …)`, `evaluateHandle`, `$eval`, `$$eval`, `waitForFunction`,
 * `addInitScript`. Its `console` is the page's, its `fetch` the page's, its errors the page's.
 */
export function isPageFunctionMethod(method: string): boolean {
  return (PAGE_FUNCTION_METHODS as readonly string[]).includes(method);
}

const PAGE_FUNCTION_METHODS = ['evaluate', 'evaluateHandle', 'evaluateOnNewDocument', 'evaluateAll', '$eval', '$$eval', 'waitForFunction', 'addInitScript'] as const;

/** `process.on('SIGTERM', …)`, `process.once('exit', …)`, an operator's `SIGUSR2`: events whose callback runs at shutdown, on a crash or on a signal. */
export function isShutdownEvent(event: string): boolean {
  return /^(?:SIG[A-Z][A-Z0-9]*|exit|beforeExit|uncaughtException|unhandledRejection)$/.test(event);
}

/**
 * Places outside a request where an N+1 still costs a request, so `no-query-in-loop` and the
 * audit's cross-file check still report there: module top level (a module's functions may be
 * called from a handler) and the data libraries of a monorepo (called by the server package). CLIs,
 * start-up code, signal handlers, dev-only branches and background workers (queues, jobs, cron,
 * consumers) are exempt: no request waits on a worker's loop, and on the real backends measured a
 * worker's per-row queries were nearly always left so on purpose (one job per row, a few rows per
 * run; of 28 triaged in worker folders and files, 2 were right, 4 wrong and 22 dismissable). Not
 * so controller code that only sits in a worker-named place (`src/jobs/jobs.controller.ts`, a route
 * handler in `routes/jobs/`): `inController`, its layer is the controller's, and a request waits on it.
 */
export function nPlusOneStillCosts(reason: string, inController = false): boolean {
  return reason === 'module top level' || reason === 'not a server package' || (reason === 'background worker' && inController);
}

/**
 * A condition that holds only in development or tests (`process.env.NODE_ENV === 'development'`,
 * `config.env !== 'production'` negated, `isDev`): code under it never runs in production.
 */
export function isDevOnlyCondition(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  // A flag the client sends (`req.query.debug`, `ctx.headers.debug`) is no switch of the deployment.
  if (REQUEST_INPUT.test(compact)) return false;
  const devEnvironment = /(?:NODE_ENV|\.env|APP_ENV|ENVIRONMENT)(?:\)|\?\.|\.)*[!=]==?['"`](?:development|dev|test|local)['"`]/;
  // `LOG_VERBOSE === 'true' || NODE_ENV === 'development'` holds in production too: each alternative must be a development check.
  // An alternative may also be a test-run switch the environment sets (`process.env.E2E_TEST`, `process.env.CI_TESTS === 'true'`).
  const testSwitch = /^\(?process\.env(?:\.|\[['"`])(?:\w+_)?(?:E2E|TEST|TESTS|TESTING)(?:_\w+)?(?:['"`]\])?(?:===?['"`](?:true|1)['"`])?\)?$/;
  const alternatives = compact.split('||');
  if (alternatives.some((alternative) => devEnvironment.test(alternative)) && alternatives.every((alternative) => devEnvironment.test(alternative) || testSwitch.test(alternative)) && !/!==?['"`](?:development|dev|test|local)/.test(compact)) return true;
  // `['development', 'staging'].includes(config.env)`: a list of environments none of which is production.
  if (/^\[(?:['"`](?:development|dev|test|local|staging)['"`],?)+\]\.includes\((?:[\w$]+(?:\?\.|\.))*(?:NODE_ENV|env|APP_ENV|ENVIRONMENT)\)$/.test(compact)) return true;
  // A debug or development switch, alone or as a fallback of another: `isDev`, `options.debug`, `debug ?? DEV_MODE`,
  // also named for the environment it tests (`IS_TEST_ENV`, `isDevEnvironment`).
  const flag = '(?:[\\w$]+\\.)*(?:(?:isDev|isDevelopment|IS_DEV|IS_DEVELOPMENT|isTest|IS_TEST|isDebug)(?:_?(?:ENV|Env|ENVIRONMENT|Environment))?|debug|DEBUG|devMode|isDevMode|DEV_MODE)';
  return new RegExp(`^\\(?${flag}(?:(?:\\?\\?|\\|\\|)${flag})*\\)?$`).test(compact);
}

/** A read of request input: `req.query.debug`, `request.headers['x-debug']`, `ctx.request.body.debug`, `c.req.query('debug')`. */
const REQUEST_INPUT = /(?:^|[^\w$.])(?:req|request|ctx|c)\.(?!env\b)|\b(?:query|body|headers|params|cookies)[.[]/;

/** A condition as written without spaces and without one pair of outer parentheses. */
const compactCondition = (text: string): string => text.replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1');

/** What names the deployment's environment (`process.env.NODE_ENV`, `config.env`, `APP_ENV`). */
const ENVIRONMENT = '(?:[\\w$]+(?:\\?\\.|\\.))*(?:NODE_ENV|env|APP_ENV|ENVIRONMENT)';
/** A flag named for production (`isProd`, `config.isProduction`), or a getter of it called (`isProduction()`). */
const PRODUCTION_FLAG = '(?:[\\w$]+\\.)*(?:isProd|isProduction|IS_PROD|IS_PRODUCTION)(?:\\(\\))?';
/** The response's own status: Koa's `ctx.status`, or a local the handler set (`status`, `statusCode`). */
const RESPONSE_STATUS = '(?:ctx\\.(?:response\\.)?status|status|statusCode|httpStatus)';
const SERVER_STATUS = new RegExp(`^\\(?${RESPONSE_STATUS}(?:>=500|>499)\\)?$`);
const CLIENT_STATUS = new RegExp(`^\\(?${RESPONSE_STATUS}(?:<500|<=499)\\)?$`);
const PRODUCTION_FLAG_SET = new RegExp(`^\\(?${PRODUCTION_FLAG}\\)?$`);
const PRODUCTION_FLAG_UNSET = new RegExp(`^!\\(?${PRODUCTION_FLAG}\\)?$`);
const NOT_PRODUCTION = new RegExp(`^\\(?${ENVIRONMENT}!==?['"\`](?:production|prod)['"\`]\\)?$`);

/** Two conditions joined by `joiner`: one says where the code runs (`place`), the other compares the response's status (`status`). */
function placeAndStatus(text: string, joiner: '&&' | '||', place: (part: string) => boolean, status: RegExp): boolean {
  const parts = compactCondition(text).split(joiner);
  return parts.length === 2 && parts.some(place) && parts.some((part) => status.test(part));
}

/**
 * A test that, in production, picks another body for the server's own failures: a production check
 * and a 5xx check of the response's own status joined by `&&` (`process.env.NODE_ENV ===
 * 'production' && ctx.status >= 500`, `isProduction && status > 499` of a local the handler set).
 * Its other branch shows an error's message only for errors given a client status on purpose, or
 * outside production. Not a status read off the error (`err.status >= 500` is false for a driver's
 * error without one), nor a `code` (a driver's `'ER_DUP_ENTRY'`).
 */
export function hidesServerErrorsInProduction(text: string): boolean {
  return placeAndStatus(text, '&&', (part) => isProductionCondition(part) || PRODUCTION_FLAG_SET.test(part), SERVER_STATUS);
}

/**
 * The same test written the other way round: a client status of the response or a place outside
 * production, joined by `||` (`ctx.status < 500 || process.env.NODE_ENV !== 'production'`). Its taken
 * branch shows an error's message only for errors given a client status on purpose, or outside production.
 */
export function showsDetailsOnlyForClientStatusesInProduction(text: string): boolean {
  return placeAndStatus(text, '||', (part) => NOT_PRODUCTION.test(part) || PRODUCTION_FLAG_UNSET.test(part) || isDevOnlyCondition(part), CLIENT_STATUS);
}

/**
 * A condition that holds in production (`process.env.NODE_ENV !== 'test'`, `env === 'production'`,
 * `!isDev`): code after `if (it) return/throw` runs only in development or tests, as a test-only
 * route that answers 404 in production does.
 */
export function isProductionCondition(text: string): boolean {
  const compact = compactCondition(text);
  if (/&&|\|\|/.test(compact)) return false;
  if (new RegExp(`^${ENVIRONMENT}!==?['"\`](?:development|dev|test|local)['"\`]$`).test(compact)) return true;
  if (new RegExp(`^${ENVIRONMENT}===?['"\`](?:production|prod)['"\`]$`).test(compact)) return true;
  return compact.startsWith('!') && !compact.startsWith('!(') && isDevOnlyCondition(compact.slice(1));
}

/** A condition that holds in production: {@link isProductionCondition}, or a flag named for it (`isProd`, `config.isProduction()`). */
export function holdsInProduction(text: string): boolean {
  return isProductionCondition(text) || PRODUCTION_FLAG_SET.test(compactCondition(text));
}

/**
 * A message that states a programmer error, not a request's failure (`'Not implemented'`,
 * `'Unreachable'`, `` `Unknown kind ${kind}` ``, `'Invariant violated'`, a question to the developer
 * such as `'… did you enable passReqToCallback?'`): such throws end in a 500 by design, and no error
 * type would change that. (`'did you mean …'` suggests a value to a client and is not one.)
 */
export function isProgrammerErrorMessage(text: string): boolean {
  if (/\bmust (?:be|not be) (?:used|called|overridden|implemented|defined|registered|declared|wrapped|passed|run) (?:inside|within|in|by|before|after|with|from|as)\b|\b(?:is|was) not registered\b|\balready registered\b|\bhas not been (?:initiali[sz]ed|registered|configured)\b|\b(?:must|should) be overridden\b|\bnot (?:yet )?initiali[sz]ed\b|\b(?:is |was )?already (?:started|running|initiali[sz]ed|listening)\b|\b(?:has |is )?not (?:been )?started\b|\bdid you (?:enable|call|register|configure|install|import|initiali[sz]e|wrap)\b/i.test(text)) return true;
  return /\b(?:not (?:yet )?implemented|unimplemented|unreachable|should (?:never|not) (?:happen|be reached|get here)|impossible|invariant|assertion|unhandled (?:case|type|kind|value|variant)|unknown (?:type|kind|case|variant|action|operation|event type|message type)|unexpected (?:type|kind|case|variant|value)|exhaustive|never happen|programming error|bug:)/i.test(text);
}

/**
 * A guard on the process's configuration (`throw new Error('Missing DATABASE_URL')`,
 * `if (!process.env.JWT_SECRET) throw …`, `if (!cfg.service.devMode && …) throw …`, `` `Invalid config: ${key}` ``,
 * `if (!stripeConfig().webhookSecret) throw …`, a configuration getter's value): it fails start-up or
 * an operator's set-up, and no request's error handler would map it to anything but a 500.
 */
export function isConfigurationGuard(text: string): boolean {
  return (/process\.env|import\.meta\.env|\benv(?:ironment)?(?: var(?:iable)?s?)?\b|\b(?:config(?:uration)?|cfg)\b|\b[a-z][\w$]*(?:Config|Configuration|Settings)\(\s*\)/i.test(text) || /\b[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*(?:URL|URI|KEY|SECRET|TOKEN|HOST|PORT|PATH|DSN|DIR|ENV|REGION|BUCKET|PASSWORD|USER|DATABASE|DB|ID|NAME|ENDPOINT|DOMAIN|ORIGIN)\b/.test(text)) && !/\b(?:request|body|payload|input|param)\b/i.test(text);
}

/**
 * Does the text read a setting of the server's environment: `process.env.X`, `import.meta.env.X`,
 * a member of an imported `env` object (`env.registerAutoJoinWorkspaceId`), or a configuration
 * service's getter (`configService.get('DEFAULT_TEAM_ID')`, `config.get('team')`)? A record looked up
 * by such a key was named by whoever deployed the server, never by a client: its absence is a
 * misconfiguration, answered with a 500 whatever the error's type.
 */
export function readsEnvironmentSetting(text: string): boolean {
  return /\bprocess\.env\b|\bimport\.meta\.env\b|(?<![\w$.])env\.[A-Za-z_$]|\b(?:configService|config)\.get(?:OrThrow)?\s*(?:<[^>]*>)?\(/.test(text) && !/\b(?:req|request|body|payload|input|params|query)\b/.test(text);
}

/**
 * Does an error message describe a failure the client caused (`'Product not found'`,
 * `` `Slug ${slug} is already taken` ``, `'Amount must be positive'`, `'Not allowed'`)? Such an
 * error deserves a 4xx, so throwing a bare `Error` for it turns a client mistake into a 500. A
 * message about the server's own state (`'Capture id missing on transaction'`) ends in a 500
 * whatever its type, and so does a broken connection or a timeout inside the server
 * (`'Connection closed'`, `'Request timed out'`). A dependency that is down (`'Warehouse offline'`,
 * `'Search temporarily unavailable'`) deserves the 503 a typed error gives it.
 */
export function describesClientError(text: string): boolean {
  return /\b(?:not found|no such|does not exist|doesn't exist|already|is taken|taken|exists|duplicate|conflict|invalid|not valid|malformed|not allowed|forbidden|unauthori[sz]ed|not authori[sz]ed|permission|access denied|denied|expired|required|must|cannot|can't|can not|insufficient|exceed|exceeds|exceeded|too many|too large|too long|too short|limit reached|over the limit|unsupported|not supported|not permitted|blocked|locked|disabled|not enabled|inactive|suspended|missing|empty|wrong|incorrect|mismatch|out of stock|unavailable|offline|temporarily|rate limit|cancelled|canceled)\b/i.test(text);
}

/**
 * The status a central error handler answers an error with when the error carries none, read from
 * the text of a module that defines one (an Express `ErrorRequestHandler` or `(err, req, res, next)`
 * middleware, Fastify's `setErrorHandler`, Hono's / Koa's `onError`, a Nest `@Catch` filter):
 * `const status = err.status || 400`, `res.status(error.statusCode ?? 400)`. Comments are not read.
 * Undefined when the text shows no such handler or no such default (a handler that answers 500).
 */
export function handlerDefaultStatus(text: string): number | undefined {
  const code = text.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
  const handler = /\bErrorRequestHandler\b|\bsetErrorHandler\s*\(|\.onError\s*\(|@Catch\s*\(|\(\s*(?:err|error|e)\b[^(),]*,\s*req\w*\b[^(),]*,\s*res\w*\b[^(),]*,\s*next\b/.exec(code);
  if (handler === null) return undefined;
  const match = /\b(?:err|error|e|ex|exception)\s*(?:\?\.|\.)\s*(?:status|statusCode|httpStatus|httpCode)\s*(?:\|\||\?\?)\s*(\d{3})\b/.exec(code.slice(handler.index));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The status a client error's message asks for, when the message says: `'Experiment not found'` →
 * 404, `'Slug already taken'` → 409, `'Not authorized'` / `'Invalid credentials'` / `'Session
 * expired'` → 401, `'You must be the owner'` → 403, `'Too many requests'` → 429, `'The billing
 * service returned invalid JSON'` → 503, a rejected value (`'Invalid phase index'`, `'Name is
 * required'`, `'Cannot remove the last member'`) → 400. Undefined for any other message. Where the
 * central handler answers untyped errors with 400 (`handlerDefaultStatus`), a bare `Error` whose
 * message asks for 400 gets it already; any other, or one whose status is unknown, does not.
 */
export function statusOfClientMessage(text: string): number | undefined {
  if (/\b(?:returned|responded with|sent) (?:an? )?(?:invalid|unexpected|malformed|empty|bad)\b|\b(?:service|server|provider|upstream) (?:is )?(?:unavailable|offline|down)\b/i.test(text)) return 503;
  if (/\b(?:not found|no such|does not exist|doesn't exist|unknown \w+ id|(?:cannot|can't|could not|couldn't|unable to) find)\b/i.test(text)) return 404;
  if (/\b(?:already|is taken|duplicate|conflict|exists)\b/i.test(text)) return 409;
  // A link's token (a password reset's, an invitation's) is a value the client sent, refused like any other: 400.
  const linkToken = /\b(?:reset|verification|verify|invite|invitation|confirmation|confirm|activation|unsubscribe) (?:link|token|code)\b/i.test(text);
  if (!linkToken && /\b(?:unauthori[sz]ed|not authori[sz]ed|not authenticated|unauthenticated|logged in|log in|login|sign in|credentials?|password|token|session|expired)\b/i.test(text)) return 401;
  if (/\b(?:forbidden|permission|not allowed|not permitted|access denied|denied|admin\w*|owner|member of|suspended|blocked|locked|disabled|inactive|banned)\b/i.test(text)) return 403;
  if (/\b(?:too many|rate limit|quota|limit reached|limit exceeded|exceed\w*|insufficient|credits?|too large|payload|out of stock|unsupported media)\b/i.test(text)) return undefined;
  if (/\b(?:invalid|malformed|required|missing|must|cannot|can't|not a valid|out of range|too long|too short|empty|not supported|unsupported|not enabled)\b/i.test(text)) return 400;
  return undefined;
}

/**
 * Does a central handler that answers status-less errors with `handlerDefault` (and their message)
 * answer a bare `Error` whose message asks for `asked` (`statusOfClientMessage`) well enough? When
 * the two agree, and when a 400 default answers a refusal of the current state (`'Nothing to revert:
 * the feature already matches'`, asked 409): both are the client's request refused, and the message
 * says why. A missing record (404), a refused permission (403) or a login (401) answered 400 is a
 * wrong status a client branches on; a server failure answered 4xx is worse.
 */
export function handlerAnswersAsAsked(handlerDefault: number, asked: number | undefined): boolean {
  return asked !== undefined && (asked === handlerDefault || (handlerDefault === 400 && asked === 409));
}

/** A configuration module by its path: `config/`, `configs/`, `*.config.ts`, `config.ts`, `env.ts`, `environment.ts`. */
export function isConfigurationPath(path: string): boolean {
  const pieces = path.replaceAll('\\', '/').toLowerCase().split('/');
  const file = (pieces.pop() ?? '').replace(/\.[cm]?[jt]sx?$/, '');
  return pieces.some((folder) => folder === 'config' || folder === 'configs' || folder === 'configuration') || /(?:^|[.-])(?:config|configuration|env|environment|settings)$/.test(file);
}

/** Constructor parameters that hold a component's configuration: `opts`, `options`, `config`, `settings`. */
const CONFIGURATION_PARAMETER = /^(?:opts|options|config|cfg|conf|configuration|settings)$/i;
/** Their types: `FirehoseOptions`, `MailerConfig`, `ServerSettings`. */
const CONFIGURATION_TYPE = /(?:Options|Opts|Config|Configuration|Settings)(?:<.*>)?$/;

/** A constructor's view of its class, as {@link isStartupConstructor} reads it. */
export interface ConstructorFacts {
  /** Decorator names of the class (`Injectable`, `nest.Injectable`). */
  readonly classDecorators: readonly string[];
  readonly parameters: readonly {
    readonly name: string;
    /** The type annotation's text, '' without one. */
    readonly type: string;
    /** Decorator names of the parameter (`Inject`, `InjectRepository`). */
    readonly decorators: readonly string[];
  }[];
}

/**
 * A constructor that runs while the application is wired, not for each request: its class is a DI
 * component (a DI class decorator such as `@Injectable()`, or a parameter a container fills,
 * `@Inject(TOKEN)`), or it reads an options or configuration object (`constructor(options: MailerOptions)`).
 * Any other constructor may build a value object per request (`new Email(input)`).
 */
export function isStartupConstructor(facts: ConstructorFacts): boolean {
  const last = (name: string): string => name.slice(name.lastIndexOf('.') + 1);
  if (facts.classDecorators.some((decorator) => (DI_DECORATORS as readonly string[]).includes(last(decorator)))) return true;
  return facts.parameters.some((parameter) => parameter.decorators.some((decorator) => /^Inject[A-Z]?\w*$/.test(last(decorator))) || CONFIGURATION_PARAMETER.test(parameter.name) || CONFIGURATION_TYPE.test(parameter.type));
}

/**
 * Methods whose callback runs inside the function that passes it (`items.forEach((item) => …)`,
 * `promise.then(…)`): what the callback throws is thrown by that function, so its callers are the
 * callback's callers. Both the per-file rules and the audit (callers across files) ask this.
 */
export function isInlineCallbackMethod(name: string): boolean {
  return /^(?:forEach|map|flatMap|filter|reduce|some|every|find|then)$/.test(name);
}
