/**
 * Vocabulary of personal data and secrets, as name parts (see `nameParts`: `userEmail` →
 * [user, email], `X-Api-Key` → [x, api, key]). Plain data; `classify/pii.ts` matches it.
 *
 * The categories follow the GDPR's examples of personal data and special identifiers
 * (https://gdpr-info.eu/art-4-gdpr/), OWASP's list of data never to log
 * (https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude) and
 * NIST SP 800-122's PII examples.
 */

export type PiiCategory =
  | 'email'
  | 'password'
  | 'secret'
  | 'government-id'
  | 'phone'
  | 'financial'
  | 'birth-date'
  | 'address'
  | 'travel-document'
  | 'ip-address'
  | 'custom';

export interface PiiTerm {
  readonly category: Exclude<PiiCategory, 'custom'>;
  /** Consecutive name parts, lower case. */
  readonly words: readonly string[];
  /** Extra words that, after the term, make the name metadata rather than the value (`cookieName`). */
  readonly notFollowedBy?: readonly string[];
}

/**
 * After a secret word, words that name the secret's metadata or where it is sent rather than the
 * secret (`cookieName`, `cookieMaxAge`, `tokenEndpoint`, `secretName` in a secrets manager, `secretSlug`
 * in its URL). `header` is deliberately absent: an `authorizationHeader` holds the credential.
 */
const SECRET_METADATA = ['name', 'names', 'slug', 'slugs', 'path', 'domain', 'secure', 'same', 'site', 'http', 'only', 'age', 'endpoint', 'url', 'uri'];

/**
 * Words and word sequences that name personal data or secrets. The OWASP logging cheat sheet lists
 * "session identification values", "access tokens", "authentication passwords", "encryption keys
 * and other primary secrets", "bank account or payment card holder data" and "sensitive personal
 * data and some forms of personally identifiable information".
 */
export const PII_TERMS = [
  { category: 'email', words: ['email'] },
  { category: 'email', words: ['emails'] },
  { category: 'email', words: ['e', 'mail'] },
  { category: 'email', words: ['email', 'address'] },
  { category: 'password', words: ['password'] },
  { category: 'password', words: ['passwords'] },
  { category: 'password', words: ['passwd'] },
  { category: 'password', words: ['pwd'] },
  { category: 'password', words: ['passphrase'] },
  { category: 'password', words: ['passcode'] },
  { category: 'password', words: ['pass', 'phrase'] },
  { category: 'secret', words: ['token'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['tokens'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['secret'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['secrets'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['apikey'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['api', 'key'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['api', 'keys'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['private', 'key'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['privatekey'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['secret', 'key'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['signing', 'key'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['encryption', 'key'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['authorization'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['cookie'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['cookies'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['sid'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['jwt'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['bearer'], notFollowedBy: SECRET_METADATA },
  { category: 'secret', words: ['otp'], notFollowedBy: SECRET_METADATA },
  { category: 'government-id', words: ['ssn'] },
  { category: 'government-id', words: ['social', 'security', 'number'] },
  { category: 'government-id', words: ['social', 'security'] },
  { category: 'government-id', words: ['tax', 'id'] },
  { category: 'government-id', words: ['taxid'] },
  { category: 'government-id', words: ['tax', 'number'] },
  { category: 'government-id', words: ['national', 'id'] },
  { category: 'government-id', words: ['national', 'identity', 'number'] },
  { category: 'phone', words: ['phone'] },
  { category: 'phone', words: ['phones'] },
  { category: 'phone', words: ['phonenumber'] },
  { category: 'phone', words: ['telephone'] },
  { category: 'phone', words: ['cellphone'] },
  { category: 'phone', words: ['msisdn'] },
  {
    category: 'phone',
    words: ['mobile'],
    notFollowedBy: ['app', 'apps', 'application', 'device', 'devices', 'client', 'platform', 'os', 'view', 'menu', 'build', 'layout', 'browser', 'user', 'users'],
  },
  { category: 'financial', words: ['credit', 'card'] },
  { category: 'financial', words: ['creditcard'] },
  { category: 'financial', words: ['card', 'number'] },
  { category: 'financial', words: ['cardnumber'] },
  { category: 'financial', words: ['cvv'] },
  { category: 'financial', words: ['cvc'] },
  { category: 'financial', words: ['iban'] },
  { category: 'financial', words: ['account', 'number'] },
  { category: 'financial', words: ['bank', 'account'] },
  { category: 'financial', words: ['routing', 'number'] },
  { category: 'birth-date', words: ['date', 'of', 'birth'] },
  { category: 'birth-date', words: ['dob'] },
  { category: 'birth-date', words: ['birth', 'date'] },
  { category: 'birth-date', words: ['birthdate'] },
  { category: 'birth-date', words: ['birthday'] },
  { category: 'address', words: ['address'] },
  { category: 'address', words: ['addresses'] },
  { category: 'address', words: ['street'] },
  { category: 'address', words: ['postal', 'code'] },
  { category: 'address', words: ['postcode'] },
  { category: 'address', words: ['zip', 'code'] },
  { category: 'address', words: ['zipcode'] },
  { category: 'travel-document', words: ['passport'] },
  { category: 'travel-document', words: ['driver', 'license'] },
  { category: 'travel-document', words: ['drivers', 'license'] },
  { category: 'travel-document', words: ['driver', 'licence'] },
  { category: 'travel-document', words: ['driving', 'licence'] },
  { category: 'travel-document', words: ['driving', 'license'] },
  { category: 'travel-document', words: ['driverlicense'] },
  { category: 'ip-address', words: ['ip'] },
  { category: 'ip-address', words: ['ips'] },
  { category: 'ip-address', words: ['ipv'] },
  { category: 'ip-address', words: ['ip', 'address'] },
  { category: 'ip-address', words: ['ipaddress'] },
  { category: 'ip-address', words: ['remote', 'address'] },
  { category: 'ip-address', words: ['remote', 'addr'] },
  { category: 'ip-address', words: ['client', 'address'] },
  { category: 'ip-address', words: ['forwarded', 'for'] },
] as const satisfies readonly PiiTerm[];

/**
 * Word sequences that contain a PII word but name something else: pagination and cancellation
 * tokens, LLM token counts, network addresses of machines. A PII term overlapping one of them does
 * not count.
 */
export const PII_NEUTRAL_SEQUENCES = [
  ['next', 'token'],
  ['page', 'token'],
  ['next', 'page', 'token'],
  ['continuation', 'token'],
  ['pagination', 'token'],
  ['cursor', 'token'],
  ['cancel', 'token'],
  ['cancellation', 'token'],
  ['sync', 'token'],
  // LLM usage counts (OpenAI `prompt_tokens`, `cached_tokens`, `reasoning_tokens`; Anthropic `input_tokens`, `cache_read_input_tokens`).
  ['prompt', 'tokens'],
  ['completion', 'tokens'],
  ['input', 'tokens'],
  ['output', 'tokens'],
  ['total', 'tokens'],
  ['max', 'tokens'],
  ['cached', 'tokens'],
  ['reasoning', 'tokens'],
  ['thinking', 'tokens'],
  ['cache', 'read', 'tokens'],
  ['cache', 'write', 'tokens'],
  ['cache', 'creation', 'tokens'],
  ['context', 'tokens'],
  ['history', 'tokens'],
  ['tools', 'tokens'],
  // A verified token's decoded claims (`jwtClaims`, `jwtPayload`, `decodedToken`): what the token says, not the
  // token. Not `tokenPayload`: the body of a token exchange holds the access and refresh tokens.
  ['jwt', 'claims'],
  ['jwt', 'payload'],
  ['token', 'claims'],
  ['decoded', 'jwt'],
  ['decoded', 'token'],
  // A lock's owner token (`lockToken`, a lease's fencing token): a random value proving who holds the lock.
  ['lock', 'token'],
  ['lease', 'token'],
  ['fencing', 'token'],
  ['mac', 'address'],
  ['server', 'address'],
  ['bind', 'address'],
  ['listen', 'address'],
  ['host', 'address'],
  ['memory', 'address'],
  ['contract', 'address'],
  // A crypto token's public facts, right after the word (`tokenAddress`, `tokenContractAddresses`,
  // `tokenSymbol`, `tokenDecimals`); not `accessTokenForAddress` or `privateKeyForContract`.
  ['token', 'address'],
  ['token', 'addresses'],
  ['tokens', 'address'],
  ['tokens', 'addresses'],
  ['token', 'contract'],
  ['token', 'contracts'],
  ['token', 'symbol'],
  ['token', 'symbols'],
  ['token', 'decimals'],
  // A token standard's token (`erc20Token`, `erc721Token`): a crypto asset, public on chain, not a credential.
  ['erc', '20', 'token'],
  ['erc', '20', 'tokens'],
  ['erc', '721', 'token'],
  ['erc', '721', 'tokens'],
  ['erc', '1155', 'token'],
  ['erc', '1155', 'tokens'],
  ['spl', 'token'],
  ['spl', 'tokens'],
] as const satisfies readonly (readonly string[])[];

/**
 * Words that make an `address` after them a blockchain's (`profileOwnerWalletAddress`,
 * `userContractAddress`), even beside a postal qualifier (`profile`, `user`, `owner`).
 */
export const PII_CHAIN_ADDRESS_WORDS = ['wallet', 'wallets', 'contract', 'contracts', 'chain', 'onchain', 'eth', 'ens', 'btc', 'evm', 'crypto', 'multisig'] as const satisfies readonly string[];

/**
 * Words that make the token after them a credential (`accessToken`, `refreshToken`, `resetToken`): a
 * neutral sequence starting with that token (`tokenAddress`) does not apply (`accessTokenAddress`).
 */
export const PII_CREDENTIAL_QUALIFIERS = [
  'access', 'refresh', 'session', 'auth', 'api', 'id', 'reset', 'invite', 'device', 'push', 'csrf', 'verification', 'magic', 'personal', 'bot', 'oauth',
] as const satisfies readonly string[];

/**
 * Words that, anywhere after a PII term, make the name metadata about the value rather than the
 * value itself: flags (`emailVerified`), counts (`tokenCount`), timestamps (`passwordChangedAt`,
 * `tokenExpiresAt`), rules and formats (`passwordPolicy`, `emailTemplate`, `tokenType`), ids and
 * references (`addressId`, `signingKeyDid`, `tokenUuid`, `secretRef`; the id-shaped terms `taxId`,
 * `nationalId` are whole terms, so they still count) and collaborators (`emailService`). `hash` is deliberately absent: a
 * `passwordHash` is still a secret to log.
 */
export const PII_METADATA_SUFFIXES = [
  'verified', 'verification', 'confirmed', 'sent', 'count', 'counts', 'at', 'on', 'changed', 'change', 'changes',
  'updated', 'created', 'modified', 'expires', 'expiry', 'expiration', 'expired', 'ttl', 'lifetime', 'duration',
  'timeout', 'date', 'time', 'timestamp', 'ts', 'length', 'len', 'size', 'type', 'types', 'kind', 'version',
  'algorithm', 'alg', 'scheme', 'policy', 'policies', 'rule', 'rules', 'required', 'enabled', 'disabled', 'protected', 'id', 'ids',
  'exists', 'exist', 'template', 'templates', 'format', 'pattern', 'regex', 'schema', 'valid', 'validation',
  'validator', 'status', 'error', 'errors', 'attempt', 'attempts', 'retries', 'limit', 'limits', 'strength', 'score', 'counter', 'counters', 'total', 'totals',
  'provider', 'providers', 'opt', 'consent', 'preference', 'preferences', 'notification', 'notifications',
  'subscription', 'flag', 'flags', 'visibility', 'visible', 'masked', 'redacted', 'label', 'placeholder', 'column',
  'index', 'idx', 'usage', 'used', 'range', 'ranges', 'whitelist', 'allowlist', 'blacklist', 'blocklist',
  'service', 'services', 'client', 'manager', 'factory', 'store', 'storage', 'cache', 'repository', 'repo', 'module',
  'strategy', 'guard', 'middleware', 'util', 'utils', 'helper', 'helpers', 'handler', 'listener', 'generator',
  'parser', 'builder', 'queue', 'job', 'worker', 'transport', 'config', 'configuration', 'options', 'settings',
  'subject', 'lookup', 'domain', 'domains',
  'did', 'dids', 'uuid', 'uuids', 'guid', 'guids', 'ref', 'refs', 'reference', 'kid', 'kids',
] as const satisfies readonly string[];

/**
 * Names of the session's id kept by the session middleware itself, the value of the session
 * cookie (express-session's `req.sessionID`, https://github.com/expressjs/session#reqsessionid).
 * Other `sessionId`s are identifiers like any `*Id` (a row key, a correlation id) and not reported.
 * The key is the last name, the value the names allowed just before it.
 */
export const PII_SECRET_PATH_ENDS = {
  sessionID: ['req', 'request'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * Words that make an IP-address name a network range or an operator's list rather than a user's
 * address (`allowedIps`, `ipCidr`, `trustedIpRanges`, `ipAllowlist`, `privateIpBlocks`).
 */
export const IP_NETWORK_WORDS = [
  'cidr', 'cidrs', 'subnet', 'subnets', 'network', 'networks', 'netmask', 'mask', 'prefix', 'prefixes', 'block', 'blocks',
  'range', 'ranges', 'list', 'lists', 'allowlist', 'whitelist', 'denylist', 'blocklist', 'blacklist', 'allowed', 'trusted',
  'whitelisted', 'private', 'reserved', 'internal',
] as const satisfies readonly string[];

/**
 * The word joining alternatives in a name (`emailOrPhone`, `channelOrToken`, `ipOrCidr`): the value
 * is one of them. A personal-data alternative (email, phone, …) makes the name personal; a secret or
 * an IP address counts only when every alternative is one (`channelOrToken` may hold a public
 * channel name).
 */
export const PII_ALTERNATIVE_WORD = 'or';

/**
 * Roots of external event payloads (`event.user` of a Slack or webhook event is usually a user id):
 * a carrier member of one (`event.user`, `payload.customer`) is an object of personal data only
 * when typed linting shows its properties.
 */
export const EXTERNAL_PAYLOAD_ROOTS = ['event', 'evt', 'payload', 'message', 'msg'] as const satisfies readonly string[];

/**
 * Words that make a bare `address` a person's postal address: in the name (`shippingAddress`,
 * `homeAddress`, `addressLine1`, `customerAddress`) or naming the object that holds it
 * (`user.address`, `customer.addresses`). Without one, `address` is as often a machine's, a wallet's
 * or a contract's (`wallet.address`, `operatorAddress`, `{ address }` of a chain account) and is not
 * reported; `street`, `postalCode` and `zipCode` need no qualifier. `account` is absent: an account's
 * address is a blockchain's as often as a customer's.
 */
export const POSTAL_ADDRESS_QUALIFIERS = [
  'shipping', 'billing', 'home', 'mailing', 'postal', 'street', 'residential', 'residence', 'delivery', 'physical', 'personal', 'line',
  'user', 'users', 'customer', 'customers', 'person', 'patient', 'employee', 'contact', 'guest', 'buyer', 'member', 'profile', 'invoice',
  'order', 'orders', 'applicant', 'shipment', 'parcel',
] as const satisfies readonly string[];

/**
 * Words that, anywhere before a PII term, make the name a flag, a count or an already-masked copy
 * (`isEmailSent`, `hasPhone`, `numTokens`, `maskedEmail`) or a function (`validateEmail`,
 * `generateToken`). `reset`, `confirm` and `new` are deliberately absent: `resetToken`,
 * `confirmPassword` and `newPassword` are secrets.
 */
export const PII_NEGATING_PREFIXES = [
  'is', 'has', 'have', 'had', 'should', 'can', 'could', 'need', 'needs', 'was', 'were', 'did', 'does', 'will', 'must',
  'allow', 'allows', 'require', 'requires', 'show', 'hide', 'enable', 'disable', 'no', 'missing',
  'num', 'max', 'min', 'total', 'count', 'number', 'since', 'until', 'elapsed',
  'masked', 'redacted', 'obfuscated', 'anonymized', 'anonymised', 'scrubbed',
  'get', 'set', 'send', 'validate', 'verify', 'check', 'generate', 'handle', 'on', 'fetch', 'parse',
] as const satisfies readonly string[];

/**
 * Words naming whole objects that carry personal data (`user`, `currentUser`, `createUserDto`,
 * `customer`, `credentials`). Logging one of them logs every field it has.
 */
export const PII_CARRIER_WORDS = [
  'user', 'users', 'customer', 'customers', 'account', 'accounts', 'member', 'members', 'person', 'people', 'persons',
  'profile', 'profiles', 'patient', 'patients', 'employee', 'employees', 'credentials', 'credential', 'creds',
  'cookies', 'session', 'sessions', 'contact', 'contacts',
] as const satisfies readonly string[];

/**
 * Carrier words that name one entity with an identity of its own: logging its `id` instead of the
 * whole object keeps the line useful (`user` → `user.id`). Collections, credentials and sessions
 * are absent: they have no single id to log.
 */
export const PII_ENTITY_WORDS = ['user', 'customer', 'account', 'member', 'person', 'profile', 'patient', 'employee', 'contact'] as const satisfies readonly string[];

/**
 * How a report names what it found, per category: "writes {{label}}".
 */
export const PII_CATEGORY_LABELS = {
  email: 'an email address',
  password: 'a password',
  secret: 'a secret (token, key, cookie or session id)',
  'government-id': 'a government id number',
  phone: 'a phone number',
  financial: 'payment or bank data',
  'birth-date': 'a date of birth',
  address: 'a postal address',
  'travel-document': 'a passport or licence number',
  'ip-address': 'an IP address',
  custom: 'data configured as personal',
  'pii-object': 'a whole object that carries personal data',
} as const satisfies Readonly<Record<PiiCategory | 'pii-object', string>>;

/**
 * Groups whose `member`s are memberships (`teamMembers`, `organisationMembers`, `orgMember`): the
 * join of a user and a group, holding ids and a role. The member's personal data lives on its user
 * (`member.user.email`), which the rule follows when it is written.
 */
export const PII_MEMBERSHIP_GROUPS = ['team', 'teams', 'organisation', 'organization', 'org', 'group', 'workspace', 'project', 'channel', 'board', 'space', 'tenant'] as const satisfies readonly string[];

/**
 * Words that may follow a carrier word and still name the whole object (`userDto`, `userData`,
 * `customerRecord`); any other word after it (`userId`, `userCount`, `userRole`) names a part.
 */
export const PII_CARRIER_OBJECT_SUFFIXES = [
  'dto', 'data', 'input', 'payload', 'info', 'details', 'detail', 'record', 'records', 'entity', 'entities', 'model',
  'obj', 'object', 'doc', 'document', 'row', 'rows', 'json', 'params', 'body', 'props', 'attributes', 'attrs',
  'fields', 'values', 'list', 'array', 'arr', 'result', 'results', 'response', 'request', 'raw', 'snapshot', 'instance',
] as const satisfies readonly string[];

/**
 * Member paths that carry the request's personal data: its body and headers (Express `req.body`,
 * `req.headers`, Fastify `request.body`, Koa `ctx.request.body`, `ctx.headers`, AWS Lambda
 * `event.body`). The key is the last name, the value the names allowed just before it.
 */
export const PII_CARRIER_PATH_ENDS = {
  body: ['req', 'request', 'event'],
  headers: ['req', 'request', 'ctx', 'event'],
  rawHeaders: ['req', 'request'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * Function-name words that redact, mask or one-way transform a value (`redactPii`, `maskEmail`,
 * `hashValue`, `anonymizeIp`, `sanitizeUser`, `bcrypt.hash`, `createHash(…).digest()`).
 */
export const REDACTION_WORDS = [
  'redact', 'mask', 'hash', 'anonymize', 'anonymise', 'pseudonymize', 'pseudonymise', 'obfuscate', 'scrub',
  'sanitize', 'sanitise', 'encrypt', 'digest', 'hmac', 'censor',
  'redacted', 'masked', 'hashed', 'anonymized', 'anonymised', 'obfuscated', 'scrubbed', 'sanitized', 'sanitised', 'encrypted',
] as const satisfies readonly string[];

/** Hash function names, matched as a prefix of the lower-cased name (`sha256`, `md5Hex`, `argon2id`). */
export const HASH_FUNCTION_PREFIXES = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3', 'md5', 'bcrypt', 'argon2', 'scrypt', 'pbkdf2', 'blake2', 'blake3'] as const satisfies readonly string[];

/**
 * Calls whose result carries their argument's content (`JSON.stringify(user)` logs every field of
 * `user`): the arguments at these indexes are walked; `'all'` walks every argument.
 */
export const PII_PASS_THROUGH_CALLS = {
  'JSON.stringify': [0],
  'util.inspect': [0],
  'util.format': 'all',
  'util.formatWithOptions': 'all',
  String: [0],
  'Object.assign': 'all',
  structuredClone: [0],
  'Buffer.from': [0],
  encodeURIComponent: [0],
  encodeURI: [0],
  btoa: [0],
} as const satisfies Readonly<Record<string, readonly number[] | 'all'>>;

/**
 * Methods whose result carries their receiver's content (`email.toLowerCase()`,
 * `token.toString('base64')`, `emails.join(', ')`).
 */
export const PII_PASS_THROUGH_METHODS = [
  'toString', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd',
  'normalize', 'valueOf', 'toJSON', 'join', 'concat',
] as const satisfies readonly string[];
