import rule, { type MessageId, type Options } from '../../rules/no-pii-in-logs.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;
type Error = Case['errors'][number];

const LABELS = {
  email: 'an email address',
  password: 'a password',
  secret: 'a secret (token, key, cookie or session id)',
  phone: 'a phone number',
  financial: 'payment or bank data',
  'government-id': 'a government id number',
  'birth-date': 'a date of birth',
  address: 'a postal address',
  'ip-address': 'an IP address',
  custom: 'data configured as personal',
  object: 'a whole object that carries personal data',
} as const;

function pii(callee: string, what: keyof typeof LABELS, path: string, line: number, column: number, suggestions: Error['suggestions'] = []): Error {
  return { messageId: 'piiInLog', data: { callee, what: LABELS[what], path }, line, column, suggestions };
}

function remove(path: string, output: string): NonNullable<Error['suggestions']>[number] {
  return { messageId: 'removeProperty', data: { path }, output };
}

function wrap(helper: string, output: string): NonNullable<Error['suggestions']>[number] {
  return { messageId: 'wrapWithRedaction', data: { helper }, output };
}

function logId(replacement: string, output: string): NonNullable<Error['suggestions']>[number] {
  return { messageId: 'logId', data: { replacement }, output };
}

const REDACT = { 'backend-patterns': { redaction: { functions: ['redact'] } } };
const IP_ON = { 'backend-patterns': { pii: { ipAddress: true } } };

const valid: Valid<Options>[] = [
  // The platform's own account number, read from configuration into a field: the operator's setting, about no person.
  `import { Logger } from '@nestjs/common';
export class ImportTransactionsTask {
  protected IBAN: string;
  constructor(private readonly config: ConfigService) {
    this.IBAN = this.config.get<string>('iris.platformIBAN', '');
  }
  async run() {
    if (!(await this.consent())) return Logger.error(\`no consent granted for IBAN: \${this.IBAN}\`);
  }
}`,
  // A secret masked to a few characters at each end: a hint for the reader, not the secret.
  `import pino from 'pino';
const logger = pino();
export function parse(accessToken: string) {
  logger.debug({ accessToken: \`\${accessToken.slice(0, 4)}...\${accessToken.slice(-4)}\` }, 'access token');
  logger.debug(\`api key \${apiKey.substring(0, 6)}…\`);
}`,
  // The operator's configuration read from the environment, named like personal data: about no person.
  `const profile = process.env.HYDRO_PROFILE;
const adminEmail = process.env.ADMIN_EMAIL || 'admin@example.com';
export function boot(logger: Logger) {
  logger.error('Profile %s not found', profile);
  logger.info(\`alerts go to \${adminEmail}\`);
}`,
  // The same configuration read inline in the log's context object: the service's own sender address.
  `export async function checkSender(logger: Logger, config: Config, fromAddress: string) {
  logger.error({ message: 'unverified from address', defaultEmail: config.get('mailFrom'), sender: process.env.MAIL_FROM, action: 'existsFromAddress' });
}`,
  // A lock's owner token, in the functions that take and release the lock: a random value, not a credential.
  `import pino from 'pino';
const logger = pino();
export class Locks {
  async extendLock(key: string, token: string, ttl: number) {
    const ok = await this.redis.eval(EXTEND, 1, key, token, ttl);
    if (ok === 1) logger.debug(\`Lock extended: key=\${key}, token=\${token}\`);
  }
}`,
  // A bare address without a postal or personal qualifier: a chain wallet's, a validator's, a contract's.
  `export class WalletFundingService {
  async fund(wallet: { address: string }, amount: number) {
    this.logger.info({ event: 'WALLET_FUNDED', address: wallet.address, amount });
    this.logger.warn(\`Top-up failed for \${wallet.address}\`);
  }
  report(validator: { operatorAddress: string }, address: string) {
    this.logger.error({ operator: validator.operatorAddress, address }, 'Validator missing');
  }
  payout(user: { wallet: { address: string } }) {
    this.logger.info(\`Paying out to \${user.wallet.address}\`);
  }
}`,
  // A machine's endpoint: the address beside its port in the same line, not a postal address.
  `import pino from 'pino';
const logger = pino();
server.on('listening', () => {
  const bound = server.address();
  logger.info(\`Collector listening on \${bound.address}:\${bound.port}\`);
});`,
  `import pino from 'pino';
const logger = pino();
server.on('listening', () => {
  const { address, port } = server.address();
  logger.info(\`Collector listening on \${address}:\${port}\`);
});`,
  // A const that renames a non-secret value: its declaration, not its short name, says what it holds.
  `export function startRun(logger: Logger, sandbox: Sandbox) {
  const sid = sandbox.sandboxId;
  logger.info({ sid, language: 'python' }, 'exec:start');
}`,
  // LLM usage counts named after the model's tokens.
  `logger.error(\`Token breakdown: context=\${contextTokens} history=\${historyTokens} tools=\${toolsTokens} cacheRead=\${usage.cacheReadTokens}\`);`,
  // The names of a token's fields, not their values.
  "logger.debug('Created sandbox auth token', { sandboxId, authTokenKeys: Object.keys(response.authToken ?? {}) });",
  // A whole record turned into text prints '[object Object]': nothing of it reaches the log.
  'export async function updateAddon(id: number, auditUser: AuditUser) {\n  logger.info(`User ${auditUser} updated addon ${id}`);\n  logger.info("Removed by " + auditUser);\n}',
  // A host in a URL is not a postal address.
  'logger.log(`Listening at http://${address}:${port}`);',
  // Ids, counts, flags and timestamps about personal data (SPEC §3 look-alikes).
  `logger.info({ userId: user.id }, 'User registered');`,
  `logger.info({ userId, orderId, actorId }, 'Order placed');`,
  `logger.info({ emailVerified: user.emailVerified, isEmailSent, hasPhone }, 'Profile state');`,
  `logger.info({ passwordChangedAt: user.passwordChangedAt, tokenExpiresAt }, 'Credentials rotated');`,
  `logger.info({ tokenCount, promptTokens, nextPageToken }, 'Page fetched');`,
  `logger.debug({ emailTemplate: 'welcome', passwordPolicy: policy.name, tokenType: 'bearer' }, 'Settings');`,
  `this.logger.info({ userCount: users.length, customerIds: customers.map((c) => c.id) }, 'Batch');`,
  // A key naming what its value counts; key ids of signing secrets (JOSE's kid), plural acronym included.
  `logger.child({ sentEmails: sentEmailsCounter }).info('batch sent');`,
  `log.info({ expiredSigningSecretKIDs, endpointID: endpoint.id }, 'removing expired signing secrets');`,
  // Name parts, not substrings.
  `logger.info({ emailer: emailer.name, tokenizer: 'bpe', mailer: 'ses' }, 'Workers');`,
  `logger.info({ macAddress, serverAddress }, 'Host');`,
  // Redacted or masked values.
  `logger.info({ email: maskEmail(user.email), password: '[redacted]' }, 'Login');`,
  `logger.info({ token: hash(token), ip: anonymizeIp(req.ip) }, 'Session');`,
  `logger.info(\`Login attempt for \${redact(email)}\`);`,
  `logger.info({ emailHash: sha256(user.email) }, 'Lookup');`,
  `logger.info({ fingerprint: crypto.createHash('sha256').update(token).digest('hex') }, 'Token used');`,
  { code: `logger.info({ email: scrubber.clean(email) }, 'x');`, settings: { 'backend-patterns': { redaction: { functions: ['scrubber.clean'] } } } },
  // Constant values under a PII key.
  `logger.info({ password: undefined, token: null, secret: '***', cookie: false }, 'Defaults');`,
  // Not a log call.
  `analytics.track({ email: user.email });`,
  `mailer.send({ to: user.email, subject: 'Welcome' });`,
  `res.json({ user });`,
  `const log = []; log.push(user.email);`,
  `console.table(users);`,
  // Messages without values.
  `logger.info('Password reset email sent');`,
  `console.log('Token refreshed for the session');`,
  `logger.error({ err }, 'Could not send the password reset email');`,
  // Allowed by settings.
  { code: `logger.info({ publicEmail: shop.publicEmail }, 'Shop');`, settings: { 'backend-patterns': { pii: { allow: ['publicEmail'] } } } },
  { code: `logger.info(\`Geocoding \${user.address}\`);`, settings: { 'backend-patterns': { pii: { allow: ['address'] } } } },
  { code: `logger.info({ clientIp: req.ip }, 'Request');`, settings: { 'backend-patterns': { pii: { ipAddress: false } } } },
  // pino `redact` paths in the same file cover the keys.
  `
import pino from 'pino';
const logger = pino({ redact: ['password', 'user.email', 'req.headers.authorization'] });
logger.info({ password, user: { email: user.email } }, 'Signed up');`,
  `
import pino from 'pino';
const logger = pino({ redact: { paths: ['*.token', 'headers["x-api-key"]'], censor: '[redacted]' } });
logger.info({ session: { token }, headers: { 'x-api-key': apiKey } }, 'Call');`,
  // Child logger bindings without PII.
  `logger.child({ requestId, userId: req.user.id }).info('Request started');`,
  // Error objects are not personal data.
  `req.log.error({ err, method: req.method, path: req.path }, 'Unhandled error');`,
  // Typed: a carrier name whose type holds no personal data.
  {
    code: `
import pino from 'pino';
const logger = pino();
declare const user: { id: string; role: 'admin' | 'staff' };
logger.info({ user }, 'Role changed');`,
    mode: 'typed',
  },
  // Typed: booleans, numbers, dates and enums are not PII whatever their name.
  {
    code: `
enum Phone { Mobile, Landline }
declare const email: boolean;
declare const phone: Phone;
declare const dob: Date;
declare const token: number;
console.log({ email, phone, dob, token });`,
    mode: 'typed',
  },
  // Typed: a method of a non-logger type is not a log call, even on a receiver named `log`.
  {
    code: `
declare const log: Map<string, string>;
declare const user: { email: string };
log.set('last', user.email);`,
    mode: 'typed',
  },
];

const invalid: Case[] = [
  // A key naming emails over a value that is no count is still the addresses.
  {
    code: `logger.info({ sentEmails: sentEmailList }, 'batch sent');`,
    errors: [pii('logger.info', 'email', 'sentEmails', 1, 27, [remove('sentEmails', `logger.info('batch sent');`)])],
  },
  // A field the class fills from a request, or a credential from configuration, is still what it is named.
  {
    code: `import pino from 'pino';
const logger = pino();
export class Payouts {
  private iban: string;
  private apiKey = this.config.get('PAYOUT_API_KEY');
  constructor(private readonly config: ConfigService, dto: PayoutDto) {
    this.iban = dto.iban;
  }
  run() {
    logger.info(\`payout to \${this.iban}\`);
    logger.info(\`using key \${this.apiKey}\`);
  }
}`,
    errors: [pii('logger.info', 'financial', 'this.iban', 10, 30), pii('logger.info', 'secret', 'this.apiKey', 11, 30)],
  },
  // Cuts that show the secret after all: parts that add up to most of it, a substring from a negative start
  // (the whole value), a password's first characters, the last elements of a list of addresses.
  {
    code: `import pino from 'pino';
const logger = pino();
export function parse(token: string, password: string, emails: string[]) {
  logger.debug({ token: \`\${token.slice(0, 6)}\${token.slice(6, 12)}\${token.slice(12, 18)}\` });
  logger.debug({ token: token.substring(-4) });
  logger.debug({ password: password.slice(0, 3) });
  logger.debug({ emails: emails.slice(-3) });
}`,
    errors: [
      pii('logger.debug', 'secret', 'token', 4, 25, [remove('token', `import pino from 'pino';
const logger = pino();
export function parse(token: string, password: string, emails: string[]) {
  logger.debug({});
  logger.debug({ token: token.substring(-4) });
  logger.debug({ password: password.slice(0, 3) });
  logger.debug({ emails: emails.slice(-3) });
}`)]),
      pii('logger.debug', 'secret', 'token', 5, 25, [remove('token', `import pino from 'pino';
const logger = pino();
export function parse(token: string, password: string, emails: string[]) {
  logger.debug({ token: \`\${token.slice(0, 6)}\${token.slice(6, 12)}\${token.slice(12, 18)}\` });
  logger.debug({});
  logger.debug({ password: password.slice(0, 3) });
  logger.debug({ emails: emails.slice(-3) });
}`)]),
      pii('logger.debug', 'password', 'password', 6, 28, [remove('password', `import pino from 'pino';
const logger = pino();
export function parse(token: string, password: string, emails: string[]) {
  logger.debug({ token: \`\${token.slice(0, 6)}\${token.slice(6, 12)}\${token.slice(12, 18)}\` });
  logger.debug({ token: token.substring(-4) });
  logger.debug({});
  logger.debug({ emails: emails.slice(-3) });
}`)]),
      pii('logger.debug', 'email', 'emails', 7, 26, [remove('emails', `import pino from 'pino';
const logger = pino();
export function parse(token: string, password: string, emails: string[]) {
  logger.debug({ token: \`\${token.slice(0, 6)}\${token.slice(6, 12)}\${token.slice(12, 18)}\` });
  logger.debug({ token: token.substring(-4) });
  logger.debug({ password: password.slice(0, 3) });
  logger.debug({});
}`)]),
    ],
  },
  // A slice that keeps most of the secret, or a bound the code computes, is still the secret.
  {
    code: `import pino from 'pino';
const logger = pino();
export function parse(accessToken: string, n: number) {
  logger.debug({ accessToken: accessToken.slice(0, 32) });
  logger.debug({ accessToken: accessToken.slice(-n) });
}`,
    errors: [
      pii('logger.debug', 'secret', 'accessToken', 4, 31, [remove('accessToken', `import pino from 'pino';
const logger = pino();
export function parse(accessToken: string, n: number) {
  logger.debug({});
  logger.debug({ accessToken: accessToken.slice(-n) });
}`)]),
      pii('logger.debug', 'secret', 'accessToken', 5, 31, [remove('accessToken', `import pino from 'pino';
const logger = pino();
export function parse(accessToken: string, n: number) {
  logger.debug({ accessToken: accessToken.slice(0, 32) });
  logger.debug({});
}`)]),
    ],
  },
  // A token outside the functions of a lock is the credential it says it is.
  {
    code: `import pino from 'pino';
const logger = pino();
export async function refreshSession(token: string) { logger.info(\`refreshing \${token}\`); }`,
    errors: [pii('logger.info', 'secret', 'token', 3, 81)],
  },
  // The id of a session is the session cookie's value: renaming it keeps the secret.
  {
    code: `export function trace(session: Session, logger: Logger) {
  const sessionToken = session.id;
  logger.info({ sessionToken });
}`,
    errors: [pii('logger.info', 'secret', '{ sessionToken }', 3, 17, [remove('{ sessionToken }', `export function trace(session: Session, logger: Logger) {
  const sessionToken = session.id;
  logger.info({});
}`)])],
  },
  // Read and write tokens of an API are credentials, not usage counts.
  {
    code: `logger.info({ readToken: cfg.readTokens });`,
    errors: [pii('logger.info', 'secret', 'readToken', 1, 26, [remove('readToken', `logger.info({});`)])],
  },
  // A secret read from the environment is a secret all the same.
  {
    code: `const apiKey = process.env.STRIPE_SECRET_KEY;
export function boot(logger: Logger) {
  logger.info(\`stripe key \${apiKey}\`);
}`,
    errors: [pii('logger.info', 'secret', 'apiKey', 3, 29, [])],
  },
  // Inline: a secret read from the environment is a secret; a getter of another object than a configuration reads a person's data.
  {
    code: `export function boot(logger: Logger, user: User) {
  logger.info({ apiKey: process.env.STRIPE_SECRET_KEY, email: user.get('email') });
}`,
    errors: [
      pii('logger.info', 'secret', 'apiKey', 2, 25, [remove('apiKey', `export function boot(logger: Logger, user: User) {
  logger.info({ email: user.get('email') });
}`)]),
      pii('logger.info', 'email', 'email', 2, 63, [remove('email', `export function boot(logger: Logger, user: User) {
  logger.info({ apiKey: process.env.STRIPE_SECRET_KEY });
}`)]),
    ],
  },
  // A person's own settings object named config, and an environment variable chosen by a computed key, are no operator's configuration.
  {
    code: `export function notify(logger: Logger, user: User) {
  logger.info({ email: user.config.get('email'), phone: userConfig.get('phone') });
}`,
    errors: [
      pii('logger.info', 'email', 'email', 2, 24, [remove('email', `export function notify(logger: Logger, user: User) {
  logger.info({ phone: userConfig.get('phone') });
}`)]),
      pii('logger.info', 'phone', 'phone', 2, 57, [remove('phone', `export function notify(logger: Logger, user: User) {
  logger.info({ email: user.config.get('email') });
}`)]),
    ],
  },
  // A const falling back from the environment to a person's value holds that person's email.
  {
    code: `export function welcome(user: User, logger: Logger) {
  const email = process.env.TEST_RECIPIENT ?? user.email;
  logger.info(\`welcoming \${email}\`);
}`,
    errors: [pii('logger.info', 'email', 'email', 3, 28, [])],
  },
  // A const renaming a value of no telling name keeps its own name's meaning: an email.
  {
    code: `export function onProfile(emails: { value: string }[], logger: Logger) {
  const email = emails[0].value;
  logger.info(\`signing in \${email}\`);
}`,
    errors: [pii('logger.info', 'email', 'email', 3, 29, [])],
  },
  // A destructured part is named by the part it takes: the signing token of the input.
  {
    code: `export function status(input: SigningInput, logger: Logger) {
  const { token } = input;
  logger.info({ token }, 'signing status');
}`,
    errors: [pii('logger.info', 'secret', '{ token }', 3, 17, [remove('{ token }', `export function status(input: SigningInput, logger: Logger) {
  const { token } = input;
  logger.info('signing status');
}`)])],
  },
  // A const renaming the session middleware's own session id is still the secret.
  {
    code: `export function trace(req: Request, logger: Logger) {
  const sid = req.sessionID;
  logger.info({ sid }, 'request');
}`,
    errors: [pii('logger.info', 'secret', '{ sid }', 3, 17, [remove('{ sid }', `export function trace(req: Request, logger: Logger) {
  const sid = req.sessionID;
  logger.info('request');
}`)])],
  },
  // Context objects: property, shorthand, nested, computed literal key.
  {
    code: `logger.info({ email: user.email }, 'User registered');`,
    errors: [pii('logger.info', 'email', 'email', 1, 22, [remove('email', `logger.info('User registered');`)])],
  },
  {
    code: `logger.info({ userId, password }, 'Login');`,
    errors: [pii('logger.info', 'password', '{ password }', 1, 23, [remove('{ password }', `logger.info({ userId }, 'Login');`)])],
  },
  {
    code: `logger.warn({ user: { id: user.id, phoneNumber: user.phone } }, 'Missing address');`,
    errors: [pii('logger.warn', 'phone', 'user.phoneNumber', 1, 49, [remove('user.phoneNumber', `logger.warn({ user: { id: user.id } }, 'Missing address');`)])],
  },
  {
    code: `logger.info({ ['accessToken']: session.accessToken }, 'Issued');`,
    errors: [pii('logger.info', 'secret', 'accessToken', 1, 32, [remove('accessToken', `logger.info('Issued');`)])],
  },
  {
    code: `logger.info({ 'X-Api-Key': headers.key, route }, 'Proxy');`,
    errors: [pii('logger.info', 'secret', 'X-Api-Key', 1, 28, [remove('X-Api-Key', `logger.info({ route }, 'Proxy');`)])],
  },
  {
    code: `logger.debug({ card: { cardNumber: payment.number, cvv } }, 'Charge');`,
    errors: [
      pii('logger.debug', 'financial', 'card.cardNumber', 1, 36, [remove('card.cardNumber', `logger.debug({ card: { cvv } }, 'Charge');`)]),
      pii('logger.debug', 'financial', 'card.cvv', 1, 52, [remove('card.cvv', `logger.debug({ card: { cardNumber: payment.number } }, 'Charge');`)]),
    ],
  },
  // Whole objects that carry PII; the id instead (untyped: entity names).
  {
    code: `logger.info({ user }, 'Signed up');`,
    errors: [pii('logger.info', 'object', '{ user }', 1, 15, [remove('{ user }', `logger.info('Signed up');`), logId('userId: user.id', `logger.info({ userId: user.id }, 'Signed up');`)])],
  },
  {
    code: `this.logger.info({ actor: currentUser, action }, 'Audit');`,
    errors: [
      pii('this.logger.info', 'object', 'currentUser', 1, 27, [
        remove('currentUser', `this.logger.info({ action }, 'Audit');`),
        logId('currentUser.id', `this.logger.info({ actor: currentUser.id, action }, 'Audit');`),
      ]),
    ],
  },
  {
    code: `logger.info(customer);`,
    errors: [pii('logger.info', 'object', 'customer', 1, 13, [logId('customerId: customer.id', `logger.info({ customerId: customer.id });`)])],
  },
  {
    code: `logger.info({ ...user, source: 'signup' }, 'Created');`,
    errors: [pii('logger.info', 'object', '...user', 1, 18, [remove('...user', `logger.info({ source: 'signup' }, 'Created');`), logId('userId: user.id', `logger.info({ userId: user.id, source: 'signup' }, 'Created');`)])],
  },
  {
    code: `logger.info({ ...credentials }, 'Auth');`,
    errors: [pii('logger.info', 'object', '...credentials', 1, 18, [remove('...credentials', `logger.info('Auth');`)])],
  },
  {
    code: `req.log.info({ body: req.body }, 'Payload');`,
    errors: [pii('req.log.info', 'object', 'req.body', 1, 22, [remove('req.body', `req.log.info('Payload');`)])],
  },
  {
    code: `request.log.debug(request.headers);`,
    errors: [pii('request.log.debug', 'object', 'request.headers', 1, 19)],
  },
  {
    code: `ctx.log.info({ auth: ctx.headers.authorization }, 'Incoming');`,
    errors: [pii('ctx.log.info', 'secret', 'ctx.headers.authorization', 1, 22, [remove('ctx.headers.authorization', `ctx.log.info('Incoming');`)])],
  },
  // Messages: template literals, concatenation, JSON.stringify.
  {
    code: 'logger.info(`Password reset requested for ${email}`);',
    errors: [pii('logger.info', 'email', 'email', 1, 45)],
  },
  {
    code: `console.log('Login failed for ' + user.email + ' from ' + req.ip);`,
    settings: IP_ON,
    errors: [pii('console.log', 'email', 'user.email', 1, 35), pii('console.log', 'ip-address', 'req.ip', 1, 59)],
  },
  {
    code: `logger.debug('Payload: ' + JSON.stringify(user));`,
    errors: [pii('logger.debug', 'object', 'user', 1, 43, [logId('user.id', `logger.debug('Payload: ' + JSON.stringify(user.id));`)])],
  },
  {
    code: `logger.info(\`Token \${token.toString('base64')} issued\`);`,
    errors: [pii('logger.info', 'secret', 'token', 1, 22)],
  },
  {
    code: `logger.error(new Error(\`No account for \${emailAddress}\`));`,
    errors: [pii('logger.error', 'email', 'emailAddress', 1, 42)],
  },
  // Console, winston, bunyan, log4js, NestJS.
  {
    code: `console.error('Charge failed', { iban: account.iban });`,
    errors: [pii('console.error', 'financial', 'iban', 1, 40, [remove('iban', `console.error('Charge failed');`)])],
  },
  {
    code: `
import winston from 'winston';
const logger = winston.createLogger({});
logger.info('User created', { userEmail: dto.email, dateOfBirth: dto.dob });`,
    errors: [
      pii('logger.info', 'email', 'userEmail', 4, 42, [remove('userEmail', `
import winston from 'winston';
const logger = winston.createLogger({});
logger.info('User created', { dateOfBirth: dto.dob });`)]),
      pii('logger.info', 'birth-date', 'dateOfBirth', 4, 66, [remove('dateOfBirth', `
import winston from 'winston';
const logger = winston.createLogger({});
logger.info('User created', { userEmail: dto.email });`)]),
    ],
  },
  {
    code: `
import log4js from 'log4js';
log4js.getLogger('auth').warn('Bad password', { pwd });`,
    errors: [pii("log4js.getLogger(…).warn", 'password', '{ pwd }', 3, 49, [remove('{ pwd }', `
import log4js from 'log4js';
log4js.getLogger('auth').warn('Bad password');`)])],
  },
  {
    code: `
import { Logger } from '@nestjs/common';
class UsersService {
  logger = new Logger(UsersService.name);
  create(dto) {
    this.logger.log(\`Creating user \${dto.email}\`);
  }
}`,
    errors: [pii('this.logger.log', 'email', 'dto.email', 6, 38)],
  },
  {
    code: `auditLogger.info({ ssn: applicant.ssn, street: applicant.street }, 'KYC');`,
    errors: [
      pii('auditLogger.info', 'government-id', 'ssn', 1, 25, [remove('ssn', `auditLogger.info({ street: applicant.street }, 'KYC');`)]),
      pii('auditLogger.info', 'address', 'street', 1, 48, [remove('street', `auditLogger.info({ ssn: applicant.ssn }, 'KYC');`)]),
    ],
  },
  // A person's address: qualified in the name, or held by an object named like a person.
  {
    code: `logger.info({ orderId: order.id, shippingAddress: order.shippingAddress }, 'Order shipped');`,
    errors: [pii('logger.info', 'address', 'shippingAddress', 1, 51, [remove('shippingAddress', `logger.info({ orderId: order.id }, 'Order shipped');`)])],
  },
  {
    code: `logger.info(\`Geocoding \${user.address}\`);`,
    errors: [pii('logger.info', 'address', 'user.address', 1, 26)],
  },
  // Child loggers carry their bindings into every line.
  {
    code: `logger.child({ sessionId: req.sessionID }).info('Request');`,
    errors: [pii('logger.child(…).info', 'secret', 'req.sessionID', 1, 27, [remove('req.sessionID', `logger.child({}).info('Request');`)])],
  },
  {
    code: `const requestLogger = logger.child({ email });`,
    errors: [pii('logger.child', 'email', '{ email }', 1, 38, [remove('{ email }', `const requestLogger = logger.child({});`)])],
  },
  // A redaction helper configured: suggested around the value.
  {
    code: `logger.info({ email }, 'Invite sent');`,
    settings: REDACT,
    errors: [
      pii('logger.info', 'email', '{ email }', 1, 15, [
        remove('{ email }', `logger.info('Invite sent');`),
        wrap('redact', `logger.info({ email: redact(email) }, 'Invite sent');`),
      ]),
    ],
  },
  {
    code: 'logger.info(`Invite sent to ${user.phone}`);',
    settings: REDACT,
    errors: [pii('logger.info', 'phone', 'user.phone', 1, 31, [wrap('redact', 'logger.info(`Invite sent to ${redact(user.phone)}`);')])],
  },
  // Words added by settings.
  {
    code: `logger.info({ nationalInsurance: person.ni }, 'Payroll');`,
    settings: { 'backend-patterns': { pii: { add: ['nationalInsurance'] } } },
    errors: [pii('logger.info', 'custom', 'nationalInsurance', 1, 34, [remove('nationalInsurance', `logger.info('Payroll');`)])],
  },
  // A redact path elsewhere does not cover this key (pino matches depth exactly).
  {
    code: `
import pino from 'pino';
const logger = pino({ redact: ['*.password'] });
logger.info({ password }, 'Login');`,
    errors: [pii('logger.info', 'password', '{ password }', 4, 15, [remove('{ password }', `
import pino from 'pino';
const logger = pino({ redact: ['*.password'] });
logger.info('Login');`)])],
  },
  // The redact option can be switched off.
  {
    code: `
import pino from 'pino';
const logger = pino({ redact: ['password'] });
logger.info({ password }, 'Login');`,
    options: [{ allowRedactedPaths: false }],
    errors: [pii('logger.info', 'password', '{ password }', 4, 15, [remove('{ password }', `
import pino from 'pino';
const logger = pino({ redact: ['password'] });
logger.info('Login');`)])],
  },
  // Typed: an object whose type has a PII property, whatever its name; the id is suggested.
  {
    code: `
import pino from 'pino';
const logger = pino();
declare const actor: { id: string; email: string };
logger.info({ actor }, 'Acting');`,
    mode: 'typed',
    errors: [pii('logger.info', 'object', '{ actor }', 5, 15, [remove('{ actor }', `
import pino from 'pino';
const logger = pino();
declare const actor: { id: string; email: string };
logger.info('Acting');`), logId('actorId: actor.id', `
import pino from 'pino';
const logger = pino();
declare const actor: { id: string; email: string };
logger.info({ actorId: actor.id }, 'Acting');`)])],
  },
  // Typed: no id on the type, no id suggestion.
  {
    code: `
declare const user: { email: string; name: string };
console.log(user);`,
    mode: 'typed',
    errors: [pii('console.log', 'object', 'user', 3, 13)],
  },
  // Typed: a logger recognised by its declaring package, whatever its name.
  {
    code: `
import pino from 'pino';
const audit = pino();
audit.info({ refreshToken }, 'Rotated');`,
    mode: 'typed',
    errors: [pii('audit.info', 'secret', '{ refreshToken }', 4, 14, [remove('{ refreshToken }', `
import pino from 'pino';
const audit = pino();
audit.info('Rotated');`)])],
  },
];

/** Look-alikes found on real backends, each beside the true finding it must not hide. */
const traps: Valid<Options>[] = [
  // IP addresses are opt-in (security and request-metadata logs keep them by design).
  `logger.warn({ ipAddress, reason: 'captcha' }, 'Captcha rejected');`,
  `const requestLogger = logger.child({ ipAddress: req.ip, userAgent });`,
  // With IPs on, network ranges and operators' lists are no user's address.
  { code: 'Logger.warn(`Invalid CIDR in ${listName}: ${ipOrCIDR}`, { error: e });', settings: IP_ON },
  { code: `logger.info({ allowedIps, trustedIpRanges }, 'Filter ready');`, settings: IP_ON },
  // Identifiers and references are not the secret they name.
  `req.log.error({ did, signingKeyDid: signingKey.did(), err }, 'Failed to clear reserved keypair');`,
  `dbLogger.error({ did, signingKeyDid, err }, 'Failed to clear reserved keypair');`,
  `logger.info({ event: 'csc.callback', recipientId: recipient.id, sessionId: cookie.sessionId });`,
  // A member ending in \`.id\` is an id under any key.
  `logger.info({ sessionId: session.id, token: apiToken.id }, 'Authorize');`,
  // Alternatives: a channel or a token is not a token for sure.
  'Logger.warn(`Channel with token "${channelOrToken}" was not found`, loggerCtx);',
  // A development-only branch never runs in production.
  "if (process.env.NODE_ENV === 'development') {\n  console.log(`Invite token: ${token}`);\n}",
  "function reset(email: string, otp: string) {\n  if (config.env === 'development') logger.info(`Login code for ${email}: ${otp}`);\n}",
  // …also through a const that holds the check.
  "export function signIn(email: string) {\n  const SANDBOX = process.env.SANDBOX === 'true' && process.env.NODE_ENV === 'development';\n  if (SANDBOX) logger.debug(`Sandbox sign-in for ${email}`);\n}",
  // …also in a background job or a package without a server framework of its own.
  {
    code: "export async function create(token: string) {\n  if (process.env.NODE_ENV === 'development') console.log(`Invitation token: ${token}`);\n}",
    filename: 'src/jobs/invite.ts',
    mode: 'untyped',
  },
  // A name annotated as text is an id or a label, not the object its name suggests.
  'function sync(account: string) {\n  logger.info(`Found transactions for account ${account}`);\n}',
  'function notify(users: string[], member: number) {\n  logger.info({ users, member }, \'Notified\');\n}',
  'const customer: string | undefined = row.customerId;\nlogger.info(`Charging ${customer}`);',
  // A member named like a carrier of an external event payload is usually an id (Slack's event.user).
  `logger.info('slack event received', { channel: event.channel, user: event.user });`,
  // A terminal program prints to the operator who ran it.
  "const [email] = process.argv.slice(2);\nconsole.log(`The user with email ${email} is found`);",
  "import { Command } from 'commander';\nexport function run(invite) {\n  logger.info(`Invite token: ${invite.token}`);\n}",
  // The members of a team or an organisation are memberships: ids and a role.
  "export async function addMembers(input) {\n  logger.info({ input: { teamId: input.teamId, organisationMembers: input.organisationMembers } }, 'Adding members');\n}",
  // So does a command that ends the process itself.
  "export default async function createUser({ email }) {\n  const invite = await invites.create({ email });\n  logger.info(`Invite token: ${invite.token}`);\n  process.exit();\n}",
  // A choice between constants is a mask, not the value it tests.
  `Logger.silly('http', 'Using proxy', { username: url.username || undefined, password: url.password ? '******' : undefined });`,
  `logger.info({ token: hasToken && '[set]', secret: isSet ? (isMasked ? '***' : '') : null }, 'Config');`,
];

const kept: Case[] = [
  {
    code: `logger.warn({ clientIp: req.ip }, 'Captcha rejected');`,
    settings: IP_ON,
    errors: [pii('logger.warn', 'ip-address', 'clientIp', 1, 25, [remove('clientIp', `logger.warn('Captcha rejected');`)])],
  },
  {
    code: `logger.info({ token: session.token, sessionToken }, 'Authorize');`,
    errors: [
      pii('logger.info', 'secret', 'token', 1, 22, [remove('token', `logger.info({ sessionToken }, 'Authorize');`)]),
      pii('logger.info', 'secret', '{ sessionToken }', 1, 37, [remove('{ sessionToken }', `logger.info({ token: session.token }, 'Authorize');`)]),
    ],
  },
  {
    code: 'Logger.warn(`No account for ${emailOrUsername}`);',
    errors: [pii('Logger.warn', 'email', 'emailOrUsername', 1, 31)],
  },
  {
    code: "const LIVE = process.env.NODE_ENV === 'production';\nexport function signIn(email: string) {\n  if (LIVE) logger.debug(`Sign-in for ${email}`);\n}",
    errors: [pii('logger.debug', 'email', 'email', 3, 41)],
  },
  {
    code: "if (process.env.NODE_ENV !== 'development') {\n  console.log(`Invite token: ${token}`);\n}",
    errors: [pii('console.log', 'secret', 'token', 2, 32)],
  },
  {
    code: 'export async function create(token: string) {\n  console.log(`Invitation token: ${token}`);\n}',
    filename: 'src/jobs/invite.ts',
    mode: 'untyped',
    errors: [pii('console.log', 'secret', 'token', 2, 36)],
  },
  // Members of no named group may be people.
  {
    code: "export async function addMembers(input) {\n  logger.info({ members: input.members }, 'Adding members');\n}",
    errors: [pii('logger.info', 'object', 'input.members', 2, 26, [remove('input.members', "export async function addMembers(input) {\n  logger.info('Adding members');\n}")])],
  },
  // `process.exit` only in a nested shutdown callback: the function itself serves requests.
  {
    code: "export function invite(invite) {\n  process.on('SIGTERM', () => process.exit(0));\n  logger.info(`Invite token: ${invite.token}`);\n}",
    errors: [pii('logger.info', 'secret', 'invite.token', 3, 32)],
  },
  {
    code: 'function sync(account: Account) {\n  logger.info(`Found transactions for ${account.email} (${account})`);\n}',
    errors: [pii('logger.info', 'email', 'account.email', 2, 41)],
  },
  {
    code: `logger.info('Signed in', { user: req.user });`,
    errors: [pii('logger.info', 'object', 'req.user', 1, 34, [remove('req.user', `logger.info('Signed in');`), logId('req.user.id', `logger.info('Signed in', { user: req.user.id });`)])],
  },
  {
    code: `Logger.silly('http', 'Using proxy', { password: url.password || undefined });`,
    errors: [pii('Logger.silly', 'password', 'password', 1, 49, [remove('password', `Logger.silly('http', 'Using proxy');`)])],
  },
];

runRuleTests('no-pii-in-logs', rule, { valid: [...valid, ...traps], invalid: [...invalid, ...kept] });
