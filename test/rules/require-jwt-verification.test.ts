import rule, { type MessageId, type Options } from '../../rules/require-jwt-verification.js';
import path from 'node:path';
import { runRuleTests, TYPED_PROJECT, type Invalid } from '../helpers/rule-tester.js';

/** A package on jsonwebtoken 9, whose verify allows only the key type's algorithms when none are listed. */
const JWT9_FILE = path.join(TYPED_PROJECT, 'packages/jwt9-api/src/auth.ts');
/** The typed project's package, on jsonwebtoken 8, where missing algorithms are reported (a relative file name reads no manifest at all). */
const JWT8_FILE = path.join(TYPED_PROJECT, 'file.ts');

const pinned = { 'backend-patterns': { auth: { requireIssuer: true, requireAudience: true } } };

runRuleTests('require-jwt-verification', rule, {
  valid: [
    // An ID token from openid-client's code grant (the token endpoint's answer, its state and nonce checked) read for its claims.
    `import { authorizationCodeGrant } from 'openid-client';
import { decode } from 'jsonwebtoken';
export class OidcAuthService {
  authenticate = async (redirect: { url: string; state: string; nonce: string }) => {
    const tokenSet = await authorizationCodeGrant(this.config, new URL(redirect.url), { expectedState: redirect.state, expectedNonce: redirect.nonce });
    const idToken = tokenSet.id_token as string;
    const decoded = decode(idToken, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new Error('Invalid token');
    return { idToken, email: decoded.payload.email as string };
  };
}`,
    // Decoded to read the key id, then the same token is handed to the project's verifier.
    `import { decode } from 'jsonwebtoken';
export class AuthService {
  async getIdToken(tokenData: { id_token: string }, jwksUri: string): Promise<JwtPayload> {
    const decoded = decode(tokenData.id_token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new Error('Bad token');
    const idToken = decoded.payload as JwtPayload;
    await this.verifySignature(tokenData.id_token, jwksUri, decoded.header.kid);
    if (idToken.iss !== this.issuer) throw new Error('Bad issuer');
    return idToken;
  }
}`,
    // On jsonwebtoken 9 a public key allows only RSA / PS / EC algorithms and never 'none': the header cannot pick HMAC.
    {
      code: `import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  req.user = jwt.verify(token(req), publicKeyPem, { issuer: 'https://id.example.com' });
  next();
}`,
      filename: JWT9_FILE,
      mode: 'untyped',
    },
    // Verified with pinned algorithms.
    `import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  req.user = jwt.verify(token(req), key, { algorithms: ['RS256'], issuer: 'https://id.example.com', audience: 'api' });
  next();
}`,
    // Client-side: reading the expiry of an unverified token to refresh it early.
    `import jwt from 'jsonwebtoken';
export function expiresSoon(token) {
  const payload = jwt.decode(token);
  return payload.exp * 1000 < Date.now() + 60_000;
}`,
    `import jwt from 'jsonwebtoken';
export function expiresAt(token) { const { exp } = jwt.decode(token); return new Date(exp * 1000); }`,
    `import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) { logger.debug({ claims: jwt.decode(token(req)) }, 'Incoming token'); next(); }`,
    // Decoded to read the key id, then verified in the same function.
    `import jwt from 'jsonwebtoken';
export async function authenticate(req, res, next) {
  const decoded = jwt.decode(token(req), { complete: true });
  const key = await keys.get(decoded.header.kid);
  req.user = jwt.verify(token(req), key, { algorithms: ['RS256'] });
  next();
}`,
    // Decoding outside auth code, never stored as the request's identity.
    `import jwt from 'jsonwebtoken';
export function tokenPayloadForDebugPage(token) { return jwt.decode(token); }`,
    // Options held in a const.
    `import jwt from 'jsonwebtoken';
const VERIFY_OPTIONS = { algorithms: ['HS256'] };
export const check = (token) => jwt.verify(token, secret, VERIFY_OPTIONS);`,
    // Options spread from config: cannot see them.
    `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { ...config.jwt });`,
    // Options from a parameter: not visible here.
    `import jwt from 'jsonwebtoken';
export const check = (token, options) => jwt.verify(token, secret, options);`,
    // Callback that checks its error.
    `import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  jwt.verify(token(req), secret, { algorithms: ['HS256'] }, (err, payload) => {
    if (err) return next(err);
    req.user = payload;
    next();
  });
}`,
    // jose verifies signature and expiry; issuer/audience only when settings ask.
    `import { jwtVerify } from 'jose';
export async function authenticate(token) { const { payload } = await jwtVerify(token, key); return payload; }`,
    {
      code: `import { jwtVerify } from 'jose';
export async function authenticate(token) { return (await jwtVerify(token, key, { issuer: ISSUER, audience: 'api' })).payload; }`,
      settings: pinned,
    },
    // jose's decodeJwt in a non-auth helper.
    `import { decodeJwt } from 'jose';
export function tokenExpiry(token) { return decodeJwt(token).exp; }`,
    // NestJS JwtService.verifyAsync uses the module's verifyOptions.
    `export class AuthGuard {
  async canActivate(context) { const request = context.switchToHttp().getRequest(); request.user = await this.jwtService.verifyAsync(extract(request)); return true; }
}`,
    // Look-alikes: not JWT libraries.
    `import { decode } from './codec.js';
export function requireAuth(req, res, next) { req.user = decode(req.headers.cookie); next(); }`,
    `export function requireAuth(req, res, next) { req.user = base64.decode(req.headers['x-user']); next(); }`,
    `import { verify } from './signatures.js';
export const ok = verify(body, signature);`,
    `export function authenticate(req, res, next) { req.user = this.codec.decode(req.body.user); next(); }`,
    `import jwt from 'jsonwebtoken';
export function issue(user) { return jwt.sign({ sub: user.id }, secret, { algorithm: 'HS256', expiresIn: '15m' }); }`,
    `import { jwtDecode } from 'jwt-decode';
export function showName(token) { const { name } = jwtDecode(token); return name; }`,
    `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { algorithms: ['RS256', 'ES256'], ignoreExpiration: false });`,
    // An HMAC secret as the key: jsonwebtoken allows only HS* for it, so no algorithm confusion.
    `import * as jwt from 'jsonwebtoken';
import { SECRET } from '../config';
export function currentUserId(token) { return jwt.verify(token, SECRET).id; }`,
    `import { verify } from 'jsonwebtoken';
export const check = (token, http) => verify(token, http.jwtSecret as string);`,
    `import jwt from 'jsonwebtoken';
export function validateInvite(token, declaration) { const jwtSecret = declaration['jwt_secret']; return jwt.verify(token, jwtSecret, { complete: true }); }`,
    `import jwt from 'jsonwebtoken';
const ACCESS_TOKEN_SECRET = process.env.ACCESS_TOKEN_SECRET ?? '';
export const check = (token) => jwt.verify(token, ACCESS_TOKEN_SECRET);`,
    `import jwt from 'jsonwebtoken';
const KEY = 'dev-only-signing-key';
export const check = (token) => jwt.verify(token, Buffer.from(KEY));`,
    // A token fetched by the server from an identity provider's token endpoint, not sent by a client.
    `import jwt from 'jsonwebtoken';
export class GoogleAuth {
  async authenticate(code) {
    const response = await fetch(tokenUrl(code), { method: 'POST' }).then((r) => r.json());
    return this.verify_(response.id_token);
  }
  async verify_(idToken) { const { payload } = jwt.decode(idToken, { complete: true }); return { email: payload.email }; }
}`,
    `import jwt from 'jsonwebtoken';
import axios from 'axios';
export async function authenticate(code) { const { data } = await axios.post(TOKEN_URL, { code }); const claims = jwt.decode(data.id_token); return { id: claims.sub }; }`,
    // The ID token of the OAuth code exchange, through the project's own service or google-auth-library's getToken(code).
    `import { JwtService } from '@nestjs/jwt';
export class AuthController {
  constructor(private readonly jwtService: JwtService, private readonly authService: AuthService) {}
  async signupWithProvider(@Body() { code }: { code: string }) {
    const { id_token } = await this.authService.getTokenFromGoogle(code);
    const claims = this.jwtService.decode(id_token, { json: true }) as { email: string };
    return this.users.signUp({ email: claims.email });
  }
}`,
    `import jwt from 'jsonwebtoken';
export async function googleCallback(req, res) {
  const { tokens } = await oauth2Client.getToken(req.query.code);
  const claims = jwt.decode(tokens.id_token);
  res.json(await users.loginByEmail(claims.email));
}`,
    // A signed document the server downloads itself and checks against certificates.
    `import jwt from 'jsonwebtoken';
export async function loadTrustList(certificates: string) {
  const response = await fetch(TRUST_LIST_URL, { signal: AbortSignal.timeout(10_000) });
  const signed = await response.text();
  return jwt.verify(signed, certificates);
}`,
    // A decoded claim that only picks which verifier runs.
    `import * as jose from 'jose';
const isServiceToken = (req) => { const token = bearer(req); if (!token) return false; const payload = jose.decodeJwt(token); return payload['lxm'] != null; };
export function authenticate(ctx) { if (isServiceToken(ctx.req)) { return this.serviceAuth(ctx); } else { return verifyAccessToken(ctx); } }`,
    // A getter named for the HMAC secret: jsonwebtoken allows only HS* for a string secret.
    `import jwt from 'jsonwebtoken';
export function refreshSession(req, res) { jwt.verify(req.cookies.refresh, getRefreshTokenSecret(), (err, payload) => { if (err) return res.sendStatus(401); res.json({ id: payload.id }); }); }`,
    // A zero-argument function named for the secret it returns, without a get prefix.
    `import jwt from 'jsonwebtoken';
import { resetPasswordSecret } from '../../utils/secrets';
export function checkResetToken(token: string) { jwt.verify(token, resetPasswordSecret()); }`,
    // A complete decode read only for the token's expiry, after testing that it decoded.
    `import jwt from 'jsonwebtoken';
export const generateAuthToken = (user) => {
  let minutes = 60;
  const decoded = jwt.decode(user.providerToken, { complete: true });
  if (decoded) minutes = Math.abs((decoded.payload as any).exp * 1000 - Date.now()) / 60000;
  return jwt.sign({ id: user.id }, secret, { expiresIn: Math.round(minutes * 60) });
};`,
  ],
  invalid: ([
    // The same document sent by a client.
    {
      code: `import jwt from 'jsonwebtoken';
export async function loadTrustList(req, certificates: string) {
  return jwt.verify(req.body.signed, certificates);
}`,
      errors: [{ messageId: 'missingAlgorithms', line: 3, column: 10, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    // A getter for a key that is no HMAC secret, and a claim read through a complete decode's payload.
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, getSigningKey());`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 33, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    // A function named for a secret but taking arguments: it may pick any key (a tenant's public key).
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token, tenant) => jwt.verify(token, tenantSecret(tenant));`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 41, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    // Named for a public key and ending in the word: still a key whose algorithm must be pinned.
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, publicKeyOrSecret());`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 33, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, getSecretOrPublicKey());`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 33, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const generateAuthToken = (user) => {
  const decoded = jwt.decode(user.providerToken, { complete: true });
  if (decoded) return jwt.sign({ id: (decoded.payload as any).sub }, secret, { expiresIn: '1h' });
};`,
      errors: [{ messageId: 'decodeTrusted', line: 3, column: 19, suggestions: [] }],
    },
    // Public keys, certificates and key lookups still need pinned algorithms.
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secretOrPublicKey);`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 33, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMIIB...';
export const check = (token) => jwt.verify(token, PUBLIC_KEY);`,
      errors: [{ messageId: 'missingAlgorithms', line: 3, column: 33, suggestions: [] }],
    },
    // A file that also uses openid-client: a token from the request is still the client's.
    {
      code: `import { authorizationCodeGrant } from 'openid-client';
import { decode } from 'jsonwebtoken';
export async function authenticate(req) {
  const claims = decode(req.headers.authorization);
  return { id: claims.sub };
}`,
      errors: [{ messageId: 'decodeTrusted', line: 4, column: 18, suggestions: [] }],
    },
    // A check of something else than the signature, one that runs only sometimes, and a grant-like name of the project's
    // in a file importing only a type of openid-client verify nothing.
    {
      code: `import jwt from 'jsonwebtoken';
import { type TokenSet } from 'openid-client';
export class AuthService {
  async currentUser(token: string, strict: boolean) {
    const claims = jwt.decode(token);
    await this.verifyNotRevoked(token);
    if (strict) await this.verifySignature(token);
    return this.users.findById(claims.sub);
  }
  async refreshUser(req) {
    const set: TokenSet = await this.sessionService.refreshGrant(req.cookies.refreshToken);
    const claims = jwt.decode(set.id_token);
    return this.users.findById(claims.sub);
  }
}`,
      errors: [
        { messageId: 'decodeTrusted', line: 5, column: 20, suggestions: [] },
        { messageId: 'decodeTrusted', line: 12, column: 20, suggestions: [] },
      ],
    },
    // A verifier given another value than the decoded token verifies nothing of it.
    {
      code: `import { decode } from 'jsonwebtoken';
export async function authenticate(req) {
  const claims = decode(req.headers.authorization);
  await verifySignature(req.body.signature, claims.kid);
  return { id: claims.sub };
}`,
      errors: [{ messageId: 'decodeTrusted', line: 3, column: 18, suggestions: [] }],
    },
    // A token from a request, even next to an HTTP call; a decode whose result authorises directly.
    {
      code: `import jwt from 'jsonwebtoken';
export async function authenticate(req) { await fetch(AUDIT_URL); const claims = jwt.decode(req.headers.authorization); return { id: claims.sub }; }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 82, suggestions: [] }],
    },
    // A call that hands back a token the project stored under a code (a magic link, a pairing code) is no code exchange.
    {
      code: `import jwt from 'jsonwebtoken';
export async function pair(req, res) {
  const token = await pairingStore.takeToken(req.body.code);
  req.user = jwt.decode(token);
  res.json({ ok: true });
}`,
      errors: [{ messageId: 'decodeTrusted', line: 4, column: 14, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export async function pair(req, res) {
  const token = await store.getStoredToken(req.body.code);
  req.user = jwt.decode(token);
  res.json({ ok: true });
}`,
      errors: [{ messageId: 'decodeTrusted', line: 4, column: 14, suggestions: [] }],
    },
    // A token-named call given a token from the request (not an authorization code) answers what the client sent.
    {
      code: `import jwt from 'jsonwebtoken';
export async function login(req, res) {
  const { id_token } = await this.authService.getTokenFromHeader(req.headers.authorization);
  const claims = jwt.decode(id_token);
  res.json(await users.loginByEmail(claims.email));
}`,
      errors: [{ messageId: 'decodeTrusted', line: 4, column: 18, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export class SubscriberGuard {
  canActivate(context) { const token = context.switchToHttp().getRequest().headers.authorization; const content = jwt.decode(token); if (!content) return false; if (content.aud !== 'widget_user') return false; return true; }
}`,
      errors: [{ messageId: 'decodeTrusted', line: 3, column: 115, suggestions: [] }],
    },
    {
      code: `import * as jose from 'jose';
const hasAdminRole = (req) => { const payload = jose.decodeJwt(bearer(req)); return payload.role === 'admin'; };
export function handle(req, res, next) { if (hasAdminRole(req)) { return next(); } else { return res.status(403).end(); } }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 49, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const verifyToken = (req, _res, next) => {
  const claims = jwt.decode(req.headers.authorization);
  req.user = { id: claims.sub };
  next();
};`,
      errors: [{ messageId: 'decodeTrusted', line: 3, column: 18, data: { call: 'jwt.decode', advice: 'jwt.verify(token, key, { algorithms, issuer, audience })' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export function authenticate(token) { const payload = jwt.decode(token); if (!payload) throw new AuthError(); return payload; }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 55, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export function requireAdmin(token) { if (jwt.decode(token).role !== 'admin') throw new ForbiddenError(); }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 43, suggestions: [] }],
    },
    {
      code: `const jwt = require('jsonwebtoken');
app.use((req, res, next) => { req.user = jwt.decode(req.cookies.token); next(); });`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 42, suggestions: [] }],
    },
    {
      code: `import { decode } from 'jsonwebtoken';
export function currentUser(req) { const { sub, role } = decode(req.token); return { id: sub, role }; }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 58, suggestions: [] }],
    },
    {
      code: `import { decodeJwt } from 'jose';
export async function authMiddleware(c, next) { c.set('user', decodeJwt(c.req.header('authorization'))); await next(); }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 63, data: { call: 'decodeJwt', advice: 'jwtVerify(token, key, { issuer, audience })' }, suggestions: [] }],
    },
    {
      code: `export class JwtAuthGuard {
  canActivate(context) { const request = context.switchToHttp().getRequest(); request.user = this.jwtService.decode(extract(request)); return true; }
}`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 94, data: { call: 'this.jwtService.decode', advice: 'this.jwtService.verifyAsync(token)' }, suggestions: [] }],
    },
    {
      code: `import { jwtDecode } from 'jwt-decode';
export function requireAuth(req, res, next) { req.user = jwtDecode(req.headers.authorization); next(); }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 58, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export function loadUser(req) { const claims = jwt.decode(req.token); req.auth = claims; }`,
      errors: [{ messageId: 'decodeTrusted', line: 2, column: 48, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, key);`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 33, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, certs, { issuer: 'auth' });`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 33, suggestions: [] }],
    },
    {
      code: `import { verify } from 'jsonwebtoken';
export const check = (token) => verify(token, publicKey);`,
      errors: [{ messageId: 'missingAlgorithms', line: 2, column: 33, data: { call: 'verify' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
const OPTIONS = { audience: 'api' };
export const check = (token) => jwt.verify(token, getKey, OPTIONS);`,
      errors: [{ messageId: 'missingAlgorithms', line: 3, column: 33, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { algorithms: ['HS256', 'none'] });`,
      errors: [{
        messageId: 'noneAlgorithm', line: 2, column: 83, data: { call: 'jwt.verify' },
        suggestions: [{ messageId: 'removeOption', data: { option: "'none'" }, output: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { algorithms: ['none'] });`,
      errors: [{ messageId: 'noneAlgorithm', line: 2, column: 74, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { algorithms: ['HS256'], ignoreExpiration: true });`,
      errors: [{
        messageId: 'ignoreExpiration', line: 2, column: 84, data: { call: 'jwt.verify' },
        suggestions: [{ messageId: 'removeOption', data: { option: 'ignoreExpiration: true' }, output: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  jwt.verify(req.token, secret, { algorithms: ['HS256'] }, (err, payload) => {
    req.user = payload;
    next();
  });
}`,
      errors: [{ messageId: 'ignoredError', line: 3, column: 60, data: { call: 'jwt.verify' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  jwt.verify(req.token, jwks, (_, payload) => { req.user = payload; next(); });
}`,
      errors: [
        { messageId: 'missingAlgorithms', line: 3, column: 3, suggestions: [] },
        { messageId: 'ignoredError', line: 3, column: 31, suggestions: [] },
      ],
    },
    {
      code: `import { jwtVerify } from 'jose';
export async function authenticate(token) { return (await jwtVerify(token, key)).payload; }`,
      settings: pinned,
      errors: [{ messageId: 'missingClaims', line: 2, column: 59, data: { call: 'jwtVerify', claims: 'issuer and audience' }, suggestions: [] }],
    },
    {
      code: `import * as jose from 'jose';
export async function authenticate(token) { return (await jose.jwtVerify(token, key, { issuer: ISSUER })).payload; }`,
      settings: pinned,
      errors: [{ messageId: 'missingClaims', line: 2, column: 59, data: { call: 'jose.jwtVerify', claims: 'audience' }, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, secret, { algorithms: ['HS256'], audience: 'api' });`,
      settings: pinned,
      errors: [{ messageId: 'missingClaims', line: 2, column: 33, data: { call: 'jwt.verify', claims: 'issuer' }, suggestions: [] }],
    },
  ] satisfies Invalid<MessageId, Options>[]).map((testCase) => ({ filename: JWT8_FILE, ...testCase })),
});
