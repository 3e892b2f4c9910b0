import { describe, expect, it } from 'vitest';
import { classifyHttpCall, hasTimeout, httpLibraryOf, isBrowserCodePath, isOwnStaticAssetUrl, isTimeoutWrapperName, type UrlPart } from '../../src/core/classify/http-timeout.js';

describe('classifyHttpCall', () => {
  it('places the options argument per library and method', () => {
    expect(classifyHttpCall('axios', ['get'], 'axios.get')).toEqual({ library: 'axios', kind: 'request', optionsIndex: 1, label: 'axios.get' });
    expect(classifyHttpCall('axios', ['post'], 'axios.post')?.optionsIndex).toBe(2);
    expect(classifyHttpCall('axios', [], 'axios')?.optionsIndex).toBe(-1);
    expect(classifyHttpCall('axios', ['create'], 'axios.create')?.kind).toBe('factory');
    expect(classifyHttpCall('got', ['extend'], 'got.extend')?.kind).toBe('factory');
    expect(classifyHttpCall('undici', ['request'], 'request')?.optionsIndex).toBe(1);
    expect(classifyHttpCall('fetch', [], 'fetch')?.optionsIndex).toBe(1);
  });

  it('ignores what is no request', () => {
    expect(classifyHttpCall('axios', ['isAxiosError'], 'axios.isAxiosError')).toBeUndefined();
    expect(classifyHttpCall('axios', ['interceptors', 'request'], 'x')).toBeUndefined();
    expect(classifyHttpCall('undici', ['Agent'], 'Agent')).toBeUndefined();
    expect(httpLibraryOf('ky')).toBeUndefined();
    expect(httpLibraryOf('./http')).toBeUndefined();
  });
});

describe('hasTimeout', () => {
  it('reads each library’s timeout options', () => {
    expect(hasTimeout('axios', { kind: 'object', keys: ['timeout'], spread: false })).toBe(true);
    expect(hasTimeout('axios', { kind: 'object', keys: ['headers'], spread: false })).toBe(false);
    expect(hasTimeout('fetch', { kind: 'object', keys: ['signal'], spread: false })).toBe(true);
    expect(hasTimeout('fetch', { kind: 'object', keys: ['timeout'], spread: false })).toBe(false);
    expect(hasTimeout('node-fetch', { kind: 'object', keys: ['timeout'], spread: false })).toBe(true);
    expect(hasTimeout('undici', { kind: 'object', keys: ['headersTimeout'], spread: false })).toBe(true);
    expect(hasTimeout('got', { kind: 'absent' })).toBe(false);
  });

  it('gives opaque options and spreads the benefit of the doubt', () => {
    expect(hasTimeout('fetch', { kind: 'opaque' })).toBe(true);
    expect(hasTimeout('fetch', { kind: 'object', keys: ['method'], spread: true })).toBe(true);
  });
});

describe('deadline wrappers and browser code', () => {
  it.each([['race', true], ['pTimeout', true], ['withTimeout', true], ['withDeadline', true], ['setTimeout', false], ['all', false]])('%s bounds a request: %s', (name, expected) => {
    expect(isTimeoutWrapperName(name)).toBe(expected);
  });

  it.each([['packages/lib/client-only/download.ts', true], ['src/hooks/useUsers.ts', true], ['packages/lib/universal/upload/put-file.ts', true], ['src/clients/payments.ts', false], ['src/services/client.ts', false]])('%s is browser code: %s', (file, expected) => {
    expect(isBrowserCodePath(file)).toBe(expected);
  });
});

describe('isOwnStaticAssetUrl', () => {
  const value: UrlPart = { kind: 'value' };
  const text = (t: string): UrlPart => ({ kind: 'text', text: t });
  it('accepts a configured origin followed by a written path to a font, image or stylesheet', () => {
    expect(isOwnStaticAssetUrl([text(''), value, text('/fonts/caveat.ttf')])).toBe(true);
    expect(isOwnStaticAssetUrl([value, text('/img/logo.svg?v=2')])).toBe(true);
    expect(isOwnStaticAssetUrl([value, text('/static/'), text('site.css')])).toBe(true);
  });
  it('rejects a written host, a computed file name, an API path and a bare value', () => {
    expect(isOwnStaticAssetUrl([text('https://cdn.example/fonts/caveat.ttf')])).toBe(false);
    expect(isOwnStaticAssetUrl([value, text('/avatars/'), value, text('.png')])).toBe(false);
    expect(isOwnStaticAssetUrl([value, text('/api/fonts')])).toBe(false);
    expect(isOwnStaticAssetUrl([value, text('/export.pdf')])).toBe(false);
    expect(isOwnStaticAssetUrl([value])).toBe(false);
  });
});
