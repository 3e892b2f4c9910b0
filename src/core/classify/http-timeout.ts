import {
  HTTP_CLIENT_FACTORIES,
  HTTP_CLIENT_PACKAGES,
  HTTP_REQUEST_FUNCTIONS,
  SUGGESTED_TIMEOUT,
  TIMEOUT_OPTION_KEYS,
  TIMEOUT_WRAPPER_PATTERN,
  type HttpLibrary,
} from '../catalogs/http-clients.js';

export type { HttpLibrary } from '../catalogs/http-clients.js';

/** The HTTP library of an import specifier (`axios`, `undici`, `node-fetch`), or undefined. */
export function httpLibraryOf(source: string): HttpLibrary | undefined {
  return Object.hasOwn(HTTP_CLIENT_PACKAGES, source) ? HTTP_CLIENT_PACKAGES[source as keyof typeof HTTP_CLIENT_PACKAGES] : undefined;
}

export interface HttpCallMatch {
  readonly library: HttpLibrary;
  /** `request`: one outbound request; `factory`: builds a client (`axios.create`) whose requests inherit its options. */
  readonly kind: 'request' | 'factory';
  /** Index of the options argument; -1 when it is the first argument if that is an object, else the second. */
  readonly optionsIndex: number;
  /** The call as the message names it: `axios.get`, `fetch`, `got.extend`. */
  readonly label: string;
}

/**
 * Is this an outbound request (or a client factory) of a library we know? `library` comes from the
 * file's evidence: the module the callee's root is imported or required from, or `fetch` for the
 * unshadowed global. `path` holds the exported names below the module (`['get']`, `[]` for the
 * module or default export called itself); `label` is the callee as written.
 */
export function classifyHttpCall(library: HttpLibrary, path: readonly string[], label: string): HttpCallMatch | undefined {
  if (path.length > 1) return undefined;
  const name = path[0] ?? '';
  const factories: readonly string[] = library === 'axios' || library === 'got' ? HTTP_CLIENT_FACTORIES[library] : [];
  if (factories.includes(name)) return { library, kind: 'factory', optionsIndex: 0, label };
  const functions: Readonly<Record<string, number>> = HTTP_REQUEST_FUNCTIONS[library];
  if (!Object.hasOwn(functions, name)) return undefined;
  return { library, kind: 'request', optionsIndex: functions[name] ?? 1, label };
}

/**
 * The options of a call as far as the file shows them: `absent` (no argument there), the static
 * keys of an object literal, or `opaque` (a variable, a spread, a call: a timeout may be inside).
 */
export type OptionsFact = { readonly kind: 'absent' } | { readonly kind: 'object'; readonly keys: readonly string[]; readonly spread: boolean } | { readonly kind: 'opaque' };

/** Do these options bound the request's duration? Opaque options and spreads get the benefit of the doubt. */
export function hasTimeout(library: HttpLibrary, options: OptionsFact): boolean {
  if (options.kind === 'opaque') return true;
  if (options.kind === 'absent') return false;
  if (options.spread) return true;
  const keys: readonly string[] = TIMEOUT_OPTION_KEYS[library];
  return options.keys.some((key) => keys.includes(key));
}

/** The options to add, for messages (`{ timeout: 10_000 }`). */
export function suggestedTimeout(library: HttpLibrary): string {
  return SUGGESTED_TIMEOUT[library];
}

/** A call that bounds the promise handed to it (`Promise.race`, `pTimeout`, `withTimeout`, `timeoutAfter`). */
export function isTimeoutWrapperName(name: string): boolean {
  // `setTimeout(() => fetch(u), 500)` delays the request; it bounds nothing.
  return TIMEOUT_WRAPPER_PATTERN.test(name) && !/^(?:set|clear)Timeout$/.test(name);
}

/** Folders of code that runs in the browser (or in both): `client-only/`, `universal/`, `components/`, `hooks/`, `frontend/`. */
export function isBrowserCodePath(path: string): boolean {
  const folders = path.replaceAll('\\', '/').toLowerCase().split('/').slice(0, -1);
  return folders.some((folder) => /^(?:client|client-only|browser|frontend|universal|isomorphic|components|hooks|ui)$/.test(folder));
}

/** One piece of a URL as written: literal text, or a value (a variable, a call) whose text the code does not show. */
export type UrlPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'value' };

/** Fonts, images and stylesheets: the files a web app serves from its own public folder. */
const STATIC_ASSET_FILE = /\/[\w.-]+\.(?:ttf|otf|woff2?|eot|png|jpe?g|gif|svg|webp|avif|ico|css)$/i;

/**
 * A request for a static file of the app's own deployment: the URL is a configured origin (a value:
 * the app's base URL, `${APP_URL()}/fonts/noto.ttf`) followed by a written path to a font, image or
 * stylesheet (a query string aside). Such a file is on disk beside the code; the fix is to read or
 * cache it, not a deadline. A URL with its host written out (a third party) or a computed file name
 * (an upload, a user's avatar) is no such asset.
 */
export function isOwnStaticAssetUrl(parts: readonly UrlPart[]): boolean {
  const pieces = parts.filter((part) => part.kind === 'value' || part.text !== '');
  const [origin, ...rest] = pieces;
  if (origin?.kind !== 'value' || rest.length === 0 || rest.some((part) => part.kind !== 'text')) return false;
  const path = rest.map((part) => (part.kind === 'text' ? part.text : '')).join('').replace(/[?#].*$/s, '');
  return path.startsWith('/') && STATIC_ASSET_FILE.test(path);
}
