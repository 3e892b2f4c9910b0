import { describe, expect, it } from 'vitest';
import {
  findPiiInValue,
  isPiiCarrierName,
  isPiiCarrierPath,
  isRedactionCall,
  piiCategoryOfName,
  isEndpointAddress,
  handlesLock,
  type PiiHit,
} from '../../src/core/classify/pii.js';
import type { ValueFact } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { arr, bin, bool, call, chain, fn, id, member, newOf, nul, num, obj, other, prop, str, tpl } from './chain.js';

const settings = DEFAULT_SETTINGS;

describe('handlesLock', () => {
  it.each([
    ['extendLock', true], ['acquireLock', true], ['releaseLock', true], ['withLease', true], ['unlock', true], ['runWithMutex', true],
    ['refreshSession', false], ['verifyToken', false], ['block', false], ['clockSkew', false], [undefined, false],
  ] as const)('%s → %s', (name, expected) => {
    expect(handlesLock(name)).toBe(expected);
  });
});

describe('isEndpointAddress', () => {
  it.each([
    ['bound.address', ['bound.address', 'bound.port'], true],
    ['socket.remoteAddress', ['socket.remoteAddress', 'socket.remotePort'], true],
    ['address', ['address', 'port'], true],
    ['order.address', ['order.address', 'order.city'], false],
    ['user.address', ['user.address', 'server.port'], false],
    ['billingAddress', ['billingAddress'], false],
  ] as const)('%s among %j → %s', (path, members, expected) => {
    expect(isEndpointAddress(path, members)).toBe(expected);
  });
});

describe('piiCategoryOfName', () => {
  it.each([
    ['email', 'email'],
    ['userEmail', 'email'],
    ['email_address', 'email'],
    ['emailAddr', 'email'],
    ['EMAIL', 'email'],
    ['e-mail', 'email'],
    ['emails', 'email'],
    ['verifiedEmail', 'email'],
    ['password', 'password'],
    ['passwd', 'password'],
    ['pwd', 'password'],
    ['passphrase', 'password'],
    ['newPassword', 'password'],
    ['confirmPassword', 'password'],
    ['passwordHash', 'password'],
    ['hashedPassword', 'password'],
    ['token', 'secret'],
    ['accessToken', 'secret'],
    // A secret for an address or a contract is still the secret.
    ['privateKeyForAddress', 'secret'],
    ['accessTokenForAddress', 'secret'],
    ['sessionTokenForWalletAddress', 'secret'],
    ['apiKeyForContract', 'secret'],
    ['deployerPrivateKeyForContract', 'secret'],
    ['bearerTokenAddress', 'secret'],
    ['accessTokenAddress', 'secret'],
    ['resetTokenContract', 'secret'],
    ['refreshToken', 'secret'],
    ['idToken', 'secret'],
    ['id_token', 'secret'],
    ['resetToken', 'secret'],
    ['apiKey', 'secret'],
    ['api-key', 'secret'],
    ['X-Api-Key', 'secret'],
    ['API_KEY', 'secret'],
    ['apikey', 'secret'],
    ['secret', 'secret'],
    ['clientSecret', 'secret'],
    ['JWT_SECRET', 'secret'],
    ['privateKey', 'secret'],
    ['authorization', 'secret'],
    ['authorizationHeader', 'secret'],
    ['cookie', 'secret'],
    ['sessionToken', 'secret'],
    ['jwt', 'secret'],
    ['bearer', 'secret'],
    ['bearerToken', 'secret'],
    ['csrfToken', 'secret'],
    ['emailVerificationToken', 'secret'],
    ['passwordResetToken', 'password'],
    ['ssn', 'government-id'],
    ['socialSecurityNumber', 'government-id'],
    ['taxId', 'government-id'],
    ['nationalId', 'government-id'],
    ['phone', 'phone'],
    ['phoneNumber', 'phone'],
    ['mobile', 'phone'],
    ['mobileNumber', 'phone'],
    ['creditCard', 'financial'],
    ['cardNumber', 'financial'],
    ['cvv', 'financial'],
    ['cvc', 'financial'],
    ['iban', 'financial'],
    ['accountNumber', 'financial'],
    ['bankAccount', 'financial'],
    ['dateOfBirth', 'birth-date'],
    ['dob', 'birth-date'],
    ['birthDate', 'birth-date'],
    ['shippingAddress', 'address'],
    ['shippingRecipientAddress', 'address'],
    ['customerAddress', 'address'],
    ['billingAddress', 'address'],
    ['addressLine1', 'address'],
    ['customerAddresses', 'address'],
    ['street', 'address'],
    ['postalCode', 'address'],
    ['zipCode', 'address'],
    ['passport', 'travel-document'],
    ['passportNumber', 'travel-document'],
    ['driverLicense', 'travel-document'],
    ['driversLicense', 'travel-document'],
    ['emailOrPhone', 'email'],
    ['emailOrUsername', 'email'],
    ['usernameOrEmail', 'email'],
    ['accessTokenOrRefreshToken', 'secret'],
    ['jwt', 'secret'],
    ['rawJwt', 'secret'],
    ['tokenPayload', 'secret'],
  ])('%s → %s', (name, category) => {
    expect(piiCategoryOfName(name, settings)).toBe(category);
  });

  const withIp = parseSettings({ pii: { ipAddress: true } });

  it.each([
    ['ip', 'ip-address'],
    ['clientIp', 'ip-address'],
    ['ipAddress', 'ip-address'],
    ['remoteAddress', 'ip-address'],
    ['x-forwarded-for', 'ip-address'],
    ['blockedIp', 'ip-address'],
  ])('with pii.ipAddress: %s → %s', (name, category) => {
    expect(piiCategoryOfName(name, withIp)).toBe(category);
  });

  it.each(['ipOrCidr', 'ipOrCIDR', 'allowedIps', 'trustedIpRanges', 'ipCidr', 'ipAllowlist', 'privateIpBlocks', 'ipRange', 'ipSubnet'])(
    'with pii.ipAddress: %s is a network range or list, not a user IP',
    (name) => {
      expect(piiCategoryOfName(name, withIp)).toBeUndefined();
    },
  );

  it.each([
    'emailVerified',
    'isEmailSent',
    'hasPhone',
    'passwordChangedAt',
    'passwordUpdatedAt',
    'tokenCount',
    'sentEmailsCounter',
    'emailTotal',
    'expiredSigningSecretKIDs',
    'secretIDs',
    'tokenExpiresAt',
    'emailCount',
    'phoneVerified',
    'addressId',
    'tokenId',
    'userId',
    'emailer',
    'tokenizer',
    'mailer',
    'passwordPolicy',
    'emailTemplate',
    'tokenType',
    'passwordResetRequired',
    'publicBotPwdProtected',
    'passwordMinLength',
    'numTokens',
    'maxTokens',
    'maskedEmail',
    'validateEmail',
    'emailService',
    'nextPageToken',
    // A bare address with no postal or personal qualifier: a wallet's, a contract's, a machine's as often as a person's.
    'address',
    'addresses',
    'walletAddress',
    'profileOwnerWalletAddress',
    'userContractAddress',
    'operatorAddress',
    'contractAddress',
    // A verified token's decoded claims, and a duration measured from a token's refresh.
    'jwtClaims',
    'lockToken',
    'leaseToken',
    'jwtPayload',
    'decodedToken',
    'timeSinceTokenUpdate',
    'msUntilTokenRefresh',
    'pageToken',
    'cancelToken',
    'macAddress',
    'cookieName',
    'cookieMaxAge',
    'secretName',
    'secretSlug',
    'tokenEndpoint',
    // A crypto token's public facts and a token standard's asset, not a credential.
    'tokenAddress',
    'tokenContractAddresses',
    'tokenSymbol',
    'erc20Token',
    'ERC721Tokens',
    'mobileApp',
    'isMobile',
    'name',
    'firstName',
    'username',
    'zip',
    'skip',
    'emailDomain',
    'passwordResetTokenExpiry',
    'promptTokens',
    'status',
    // Identifiers and references, not the secret (`sessionId` of a row, a key's DID or id).
    'sessionId',
    'session_id',
    'signingKeyDid',
    'signingKeyId',
    'apiKeyId',
    'tokenUuid',
    'secretRef',
    'keyRef',
    // Alternatives: a secret only when every alternative is one.
    'channelOrToken',
    'tokenOrId',
    '',
  ])('%s is not PII', (name) => {
    expect(piiCategoryOfName(name, settings)).toBeUndefined();
  });

  it('treats IP addresses as PII only when settings.pii.ipAddress (default off)', () => {
    expect(piiCategoryOfName('clientIp', settings)).toBeUndefined();
    const off = parseSettings({ pii: { ipAddress: false } });
    expect(piiCategoryOfName('ip', off)).toBeUndefined();
    expect(piiCategoryOfName('ipAddress', off)).toBeUndefined();
    expect(piiCategoryOfName('remoteAddress', off)).toBeUndefined();
    expect(piiCategoryOfName('homeAddress', off)).toBe('address');
  });

  it('honours settings.pii.add and settings.pii.allow', () => {
    const custom = parseSettings({ pii: { add: ['nationalInsurance', 'nino'], allow: ['publicEmail', 'supportEmail'] } });
    expect(piiCategoryOfName('nationalInsuranceNumber', custom)).toBe('custom');
    expect(piiCategoryOfName('nino', custom)).toBe('custom');
    expect(piiCategoryOfName('ninoVerified', custom)).toBeUndefined();
    expect(piiCategoryOfName('publicEmail', custom)).toBeUndefined();
    expect(piiCategoryOfName('supportEmail', custom)).toBeUndefined();
    expect(piiCategoryOfName('userEmail', custom)).toBe('email');
    expect(piiCategoryOfName('nino', settings)).toBeUndefined();
  });
});

describe('isPiiCarrierName / isPiiCarrierPath', () => {
  it.each([
    'user', 'users', 'customer', 'account', 'member', 'person', 'profile', 'patient', 'employee', 'credentials', 'creds',
    'cookies', 'session', 'currentUser', 'newUser', 'userDto', 'createUserDto', 'userData', 'customerRecord', 'user2',
    'authUser', 'userProfile', 'members', 'newMembers', 'memberData',
  ])('%s carries PII', (name) => {
    expect(isPiiCarrierName(name, settings)).toBe(true);
  });

  it.each(['userId', 'userCount', 'userRole', 'usersCount', 'userService', 'userRepository', 'isUser', 'numUsers', 'body', 'headers', 'userName', 'accountId', 'sessionStore', 'teamMembers', 'organisationMembers', 'orgMember'])(
    '%s does not carry PII',
    (name) => {
      expect(isPiiCarrierName(name, settings)).toBe(false);
    },
  );

  it.each([
    ['req.body', true],
    ['request.body', true],
    ['ctx.request.body', true],
    ['req.headers', true],
    ['request.headers', true],
    ['ctx.headers', true],
    ['req.cookies', true],
    ['req.session', true],
    ['req.user', true],
    ['this.user', true],
    ['order.customer', true],
    ['res.body', false],
    ['response.headers', false],
    ['user.id', false],
    ['user.name', false],
    ['req.body.page', false],
    ['this', false],
  ])('%s → %s', (path, expected) => {
    expect(isPiiCarrierPath(path.split('.'), settings)).toBe(expected);
  });

  it('honours settings.pii.allow for names and paths', () => {
    const custom = parseSettings({ pii: { allow: ['publicProfile', 'req.headers'] } });
    expect(isPiiCarrierName('publicProfile', custom)).toBe(false);
    expect(isPiiCarrierPath(['req', 'headers'], custom)).toBe(false);
  });
});

describe('isRedactionCall', () => {
  it.each([
    'redact',
    'mask',
    'hash',
    'sha256',
    'md5',
    'hashValue',
    'anonymize',
    'obfuscate',
    'scrub',
    'sanitize',
    'sanitizeUser',
    'maskEmail',
    'redactPii',
    'bcrypt.hash',
    'argon2.hash',
    'this.redactor.redact',
    "crypto.createHash('sha256').update(x).digest",
    'utils.toMasked',
  ])('%s redacts', (text) => {
    expect(isRedactionCall(chain(text, [id('email')]), settings)).toBe(true);
  });

  it.each(["crypto.createHash('sha256').update", 'format', 'JSON.stringify', 'hashMap.get', 'getUser', 'unmask'])('%s does not redact', (text) => {
    expect(isRedactionCall(chain(text, [id('email')]), settings)).toBe(false);
  });

  it('honours settings.redaction.functions', () => {
    const custom = parseSettings({
      redaction: { functions: ['scrubFields', 'Privacy.clean', { from: 'package', name: 'clean', package: '@acme/privacy' }] },
    });
    expect(isRedactionCall(chain('scrubFields'), custom)).toBe(true);
    expect(isRedactionCall(chain('Privacy.clean'), custom)).toBe(true);
    expect(isRedactionCall(chain('clean'), custom)).toBe(true);
    expect(isRedactionCall(chain('clean'), custom, () => ({ package: '@acme/privacy' }))).toBe(true);
    expect(isRedactionCall(chain('clean'), custom, () => ({ package: 'other' }))).toBe(false);
    expect(isRedactionCall(chain('clean'), settings)).toBe(false);
  });
});

function paths(value: ValueFact, custom = settings): Record<string, PiiHit['category']> {
  return Object.fromEntries(findPiiInValue(value, custom).map((hit) => [hit.path, hit.category]));
}

describe('findPiiInValue', () => {
  it.each<[string, ValueFact, Record<string, PiiHit['category']>]>([
    ['identifier', id('email'), { email: 'email' }],
    ['member', member('user.email'), { 'user.email': 'email' }],
    ['id member', member('user.id'), {}],
    ['name member', member('user.name'), {}],
    ['carrier identifier', id('user'), { user: 'pii-object' }],
    ['request body', member('req.body'), { 'req.body': 'pii-object' }],
    ['header', member('req.headers.authorization'), { 'req.headers.authorization': 'secret' }],
    ['env secret', member('process.env.JWT_SECRET'), { 'process.env.JWT_SECRET': 'secret' }],
    ['flag', member('user.emailVerified'), {}],
    ['shorthand', obj([prop('password')]), { '{ password }': 'password' }],
    ['shorthand carrier', obj([prop('user')]), { '{ user }': 'pii-object' }],
    ['shorthand id', obj([prop('userId')]), {}],
    ['keyed', obj([prop('email', member('dto.contact'))]), { email: 'email' }],
    ['keyed value', obj([prop('contact', member('user.email'))]), { 'user.email': 'email' }],
    ['keyed carrier value', obj([prop('data', id('customer'))]), { customer: 'pii-object' }],
    ['keyed constant', obj([prop('password', str('[REDACTED]'))]), {}],
    ['keyed boolean', obj([prop('token', bool())]), {}],
    ['keyed null', obj([prop('token', nul())]), {}],
    ['keyed redacted', obj([prop('email', call('maskEmail', [id('email')]))]), {}],
    ['keyed unknown call', obj([prop('token', call('generateToken'))]), { token: 'secret' }],
    ['nested', obj([prop('user', obj([prop('email'), prop('id', member('user.id'))]))]), { 'user.email': 'email' }],
    ['nested keyed', obj([prop('auth', obj([prop('apiKey', id('key'))]))]), { 'auth.apiKey': 'secret' }],
    ['spread carrier', obj([], [id('user')]), { '...user': 'pii-object' }],
    ['spread request body', obj([], [member('req.body')]), { '...req.body': 'pii-object' }],
    ['spread other', obj([], [id('rest')]), {}],
    ['spread redacted', obj([], [call('redact', [id('user')])]), {}],
    ['template', tpl('User ? signed in', member('user.email')), { 'user.email': 'email' }],
    ['template without pii', tpl('Order ? shipped', member('order.id')), {}],
    ['concatenation', bin('+', str('login '), id('password')), { password: 'password' }],
    ['fallback', bin('??', id('phone'), str('n/a')), { phone: 'phone' }],
    ['comparison', bin('===', id('email'), str('x')), {}],
    ['array', arr(id('userId'), member('user.ssn')), { 'user.ssn': 'government-id' }],
    ['JSON.stringify', call('JSON.stringify', [id('user')]), { user: 'pii-object' }],
    ['util.inspect', call('util.inspect', [member('req.headers')]), { 'req.headers': 'pii-object' }],
    ['imported inspect', call('inspect', [id('credentials')], { rootImport: 'node:util' }), { credentials: 'pii-object' }],
    ['String()', call('String', [id('cardNumber')]), { cardNumber: 'financial' }],
    ['toString()', call('token.toString'), { token: 'secret' }],
    ['toLowerCase()', call('user.email.toLowerCase'), { 'user.email': 'email' }],
    ['Buffer base64', call("Buffer.from(token).toString", [str('base64')]), { token: 'secret' }],
    ['join', call('emails.join', [str(',')]), { emails: 'email' }],
    ['stringify of redacted', call('JSON.stringify', [call('redact', [id('user')])]), {}],
    ['other call', call('getUser', [id('userId')]), {}],
    ['other call on pii', call('lookup', [id('email')]), {}],
    ['hash digest', call("crypto.createHash('sha256').update(email).digest", [str('hex')]), {}],
    ['Error message', newOf('Error', [tpl('no user ?', id('email'))]), { email: 'email' }],
    ['other new', newOf('Date', [id('dob')]), {}],
    ['keyed id member', obj([prop('sessionId', member('session.id')), prop('token', member('token.id'))]), {}],
    ['keyed id identifier', obj([prop('token', id('tokenId'))]), {}],
    ['keyed id-shaped PII term', obj([prop('ssn', member('person.nationalId'))]), { ssn: 'government-id' }],
    ['express-session id', member('req.sessionID'), { 'req.sessionID': 'secret' }],
    ['payload member named like a carrier', member('event.user'), {}],
    ['payload member with typed properties', member('event.user', { propertyNames: ['id', 'email'] }), { 'event.user': 'pii-object' }],
    ['request user', member('req.user'), { 'req.user': 'pii-object' }],
    ['payload PII term', member('event.email'), { 'event.email': 'email' }],
    ['function', fn(), {}],
    ['number', num(), {}],
    ['string', str('password'), {}],
  ])('%s', (_label, value, expected) => {
    expect(paths(value)).toEqual(expected);
  });

  it('trusts scalar type hints over names', () => {
    expect(paths(id('email', { isScalarNonText: true }))).toEqual({});
    expect(paths(member('user.phone', { isScalarNonText: true }))).toEqual({});
    expect(paths(obj([prop('token', other({ isScalarNonText: true }))]))).toEqual({});
    expect(paths(obj([{ key: 'email', value: id('email', { isScalarNonText: true }), shorthand: true }]))).toEqual({});
    expect(paths(id('email', { isAny: true }))).toEqual({ email: 'email' });
  });

  it('de-duplicates hits per path', () => {
    const hits = findPiiInValue(tpl('? ? ?', id('email'), id('email'), member('user.email')), settings);
    expect(hits).toEqual([
      { path: 'email', category: 'email', steps: [{ kind: 'expression', index: 0 }] },
      { path: 'user.email', category: 'email', steps: [{ kind: 'expression', index: 2 }] },
    ]);
  });

  it('locates hits by steps and object key paths', () => {
    const value = obj([prop('user', obj([prop('id', member('user.id')), prop('email', member('user.email'))])), { key: 'password', value: id('password'), shorthand: true }]);
    expect(findPiiInValue(value, settings)).toEqual([
      { path: 'user.email', category: 'email', steps: [{ kind: 'property', index: 0 }, { kind: 'property', index: 1 }], keyPath: ['user', 'email'] },
      { path: '{ password }', category: 'password', steps: [{ kind: 'property', index: 1 }], keyPath: ['password'] },
    ]);
    expect(findPiiInValue(obj([], [id('customer')]), settings)).toEqual([{ path: '...customer', category: 'pii-object', steps: [{ kind: 'spread', index: 0 }], hasId: true }]);
    expect(findPiiInValue(call('JSON.stringify', [id('credentials')]), settings)).toEqual([{ path: 'credentials', category: 'pii-object', steps: [{ kind: 'argument', index: 0 }] }]);
    expect(findPiiInValue(call('email.toLowerCase', []), settings)).toEqual([{ path: 'email', category: 'email', steps: [{ kind: 'receiver', index: 0 }] }]);
  });

  it('judges objects by their typed property names', () => {
    expect(findPiiInValue(id('actor', { propertyNames: ['id', 'email'] }), settings)).toEqual([{ path: 'actor', category: 'pii-object', steps: [], hasId: true }]);
    expect(findPiiInValue(id('user', { propertyNames: ['id', 'role'] }), settings)).toEqual([]);
    expect(findPiiInValue(id('profile', { propertyNames: ['phone'] }), settings)).toEqual([{ path: 'profile', category: 'pii-object', steps: [] }]);
    expect(findPiiInValue(member('req.headers', { propertyNames: ['authorization', 'host'] }), settings)).toEqual([{ path: 'req.headers', category: 'pii-object', steps: [] }]);
    expect(findPiiInValue(id('email', { propertyNames: ['value'] }), settings)).toEqual([{ path: 'email', category: 'email', steps: [] }]);
  });

  it('applies settings to the walk', () => {
    const off = parseSettings({ pii: { ipAddress: false, allow: ['user.email'] } });
    expect(paths(obj([prop('ip', member('req.ip'))]), off)).toEqual({});
    expect(paths(member('user.email'), off)).toEqual({});
    expect(paths(obj([prop('ip', member('req.ip'))]))).toEqual({});
    expect(paths(obj([prop('ip', member('req.ip'))]), parseSettings({ pii: { ipAddress: true } }))).toEqual({ ip: 'ip-address' });
  });

  it('passes a chain-aware resolver to redaction checks', () => {
    const custom = parseSettings({ redaction: { functions: [{ from: 'package', name: 'clean', package: '@acme/privacy' }] } });
    const value = call('clean', [id('email')]);
    const seen: string[] = [];
    const hits = findPiiInValue(value, custom, (target, index) => {
      seen.push(`${target.segments.map((s) => s.name).join('.')}#${String(index)}`);
      return { package: '@acme/privacy' };
    });
    expect(hits).toEqual([]);
    expect(seen).toContain('clean#0');
    expect(chain('clean').segments).toHaveLength(1);
  });
});

describe('findPiiInValue: keys and counts need no type look-up', () => {
  /** A value whose type hint counts how often it is read (typed linting computes it on read). */
  function watched(value: ValueFact, propertyNames: readonly string[]): { value: ValueFact; reads: () => number } {
    let reads = 0;
    Object.defineProperty(value, 'typeHint', {
      enumerable: true,
      get: () => {
        reads += 1;
        return { isArray: false, isScalarNonText: false, propertyNames };
      },
    });
    return { value, reads: () => reads };
  }

  it.each([member('created.id'), id('orderIds'), member('rows.length'), obj([prop('userId')])])('does not read the type of %j', (value) => {
    const inner = value.kind === 'object' ? (value.properties[0]?.value ?? value) : value;
    const { reads } = watched(inner, ['email']);
    expect(findPiiInValue(value, settings)).toEqual([]);
    expect(reads()).toBe(0);
  });

  it('still reads it for other names (counts and attempts can be objects), and still reports id-like PII terms by name', () => {
    const order = watched(id('order'), ['email']);
    expect(paths(order.value)).toEqual({ order: 'pii-object' });
    expect(order.reads()).toBeGreaterThan(0);
    expect(paths(watched(id('attempt'), ['email', 'ip']).value)).toEqual({ attempt: 'pii-object' });
    expect(paths(watched(member('log.entryIndex'), ['email']).value)).toEqual({ 'log.entryIndex': 'pii-object' });
    expect(Object.keys(paths(member('citizen.nationalId')))).toEqual(['citizen.nationalId']);
  });
});
