/**
 * Outbound HTTP clients and where each takes a timeout. Plain data; `classify/http-timeout.ts`
 * matches a call's module and exported name against it.
 */

export type HttpLibrary = 'axios' | 'got' | 'undici' | 'node-fetch' | 'fetch';

/** Packages of HTTP clients whose requests have no timeout unless given one, by import specifier. */
export const HTTP_CLIENT_PACKAGES = {
  axios: 'axios',
  got: 'got',
  undici: 'undici',
  'node-fetch': 'node-fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
  'isomorphic-unfetch': 'fetch',
} as const satisfies Readonly<Record<string, HttpLibrary>>;

/**
 * Options that bound how long a request may take, per library: axios `timeout`, `signal` and the
 * older `cancelToken` (https://axios-http.com/docs/req_config); got `timeout` and `signal`
 * (https://github.com/sindresorhus/got/blob/main/documentation/6-timeout.md); undici `signal`,
 * `headersTimeout`, `bodyTimeout` and a `dispatcher` that carries its own
 * (https://undici.nodejs.org/#/docs/api/Dispatcher); fetch `signal`
 * (https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static); node-fetch 2's
 * `timeout` too (https://github.com/node-fetch/node-fetch/tree/2.x#options).
 */
export const TIMEOUT_OPTION_KEYS = {
  axios: ['timeout', 'signal', 'cancelToken'],
  got: ['timeout', 'signal'],
  undici: ['signal', 'headersTimeout', 'bodyTimeout', 'dispatcher'],
  'node-fetch': ['signal', 'timeout'],
  fetch: ['signal', 'dispatcher'],
} as const satisfies Readonly<Record<HttpLibrary, readonly string[]>>;

/**
 * Request functions of each library, with the position of their options argument. `-1` means
 * "the first argument when it is an object, else the second": `axios(config)` / `axios(url, config)`,
 * `got(options)` / `got(url, options)`. `''` is the default export (or the module itself) called.
 */
export const HTTP_REQUEST_FUNCTIONS = {
  axios: { '': -1, request: 0, get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2, postForm: 2, putForm: 2, patchForm: 2 },
  got: { '': -1, get: 1, post: 1, put: 1, patch: 1, delete: 1, head: 1 },
  undici: { request: 1, fetch: 1 },
  'node-fetch': { '': 1 },
  fetch: { '': 1 },
} as const satisfies Readonly<Record<HttpLibrary, Readonly<Record<string, number>>>>;

/** Functions that build a client whose requests inherit the options given: `axios.create(config)`, `got.extend(options)`. */
export const HTTP_CLIENT_FACTORIES = {
  axios: ['create'],
  got: ['extend'],
} as const satisfies Partial<Readonly<Record<HttpLibrary, readonly string[]>>>;

/** The timeout each library's message and suggestion propose. */
export const SUGGESTED_TIMEOUT = {
  axios: '{ timeout: 10_000 }',
  got: '{ timeout: { request: 10_000 } }',
  undici: '{ signal: AbortSignal.timeout(10_000) }',
  'node-fetch': '{ signal: AbortSignal.timeout(10_000) }',
  fetch: '{ signal: AbortSignal.timeout(10_000) }',
} as const satisfies Readonly<Record<HttpLibrary, string>>;

/** Calls that put a deadline on a promise they are given: `Promise.race([fetch(u), timeout(5000)])`, `pTimeout(fetch(u), …)`, `withTimeout(…)`. */
export const TIMEOUT_WRAPPER_PATTERN = /timeout|deadline|^race$/i;
