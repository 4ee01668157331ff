import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, parseApiError, parseRetryAfter, request, setCsrfToken, setRequestLocale, setUnauthorizedHandler } from './client';

describe('parseApiError', () => {
  it('reads code, message and field errors', () => {
    const e = parseApiError(422, JSON.stringify({
      error: { code: 'validation_failed', message: '请检查输入', fields: { name: 'required', phone: 'invalid_phone' } },
    }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_failed');
    expect(e.message).toBe('请检查输入');
    expect(e.fields).toEqual({ name: 'required', phone: 'invalid_phone' });
  });

  it('keeps the whole body (409 carries the current record)', () => {
    const e = parseApiError(409, JSON.stringify({ error: { code: 'version_conflict', message: 'x' }, current: { id: 5, version: 3 } }));
    expect(e.code).toBe('version_conflict');
    expect(e.body?.current).toEqual({ id: 5, version: 3 });
  });

  it('falls back to http_<status> for bodies that are not the error shape', () => {
    for (const text of ['', '<html>502</html>', '[]', '{"error":"oops"}']) {
      const e = parseApiError(502, text);
      expect(e.code).toBe('http_502');
      expect(e.message).toBe('');
      expect(e.fields).toEqual({});
    }
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseApiError(429, '{}', '120').retryAfter).toBe(120);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('request', () => {
  const calls: { url: string; init: RequestInit }[] = [];
  let next: Response;

  beforeEach(() => {
    calls.length = 0;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return next;
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedHandler(null);
    setCsrfToken('');
  });

  it('sends cookies, language, and the CSRF token only on unsafe methods', async () => {
    setCsrfToken('tok');
    setRequestLocale('zh-TW');
    next = new Response('{"ok":1}', { status: 200 });
    await request('/customers', { query: { q: '网联', page: 1, empty: '' } });
    next = new Response(null, { status: 204 });
    await request('/customers/5', { method: 'DELETE' });

    const [get, del] = calls;
    expect(get.url).toBe('/api/v1/customers?q=%E7%BD%91%E8%81%94&page=1');
    expect(get.init.credentials).toBe('same-origin');
    const getHeaders = get.init.headers as Record<string, string>;
    expect(getHeaders['Accept-Language']).toBe('zh-TW');
    expect(getHeaders['X-CSRF-Token']).toBeUndefined();
    expect((del.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
  });

  it('throws ApiError and calls the 401 hook unless told not to', async () => {
    const hook = vi.fn();
    setUnauthorizedHandler(hook);
    next = new Response('{"error":{"code":"unauthorized","message":"请登录"}}', { status: 401 });
    await expect(request('/meta')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(hook).toHaveBeenCalledTimes(1);
    next = new Response('{"error":{"code":"invalid_credentials","message":"x"}}', { status: 401 });
    await expect(request('/auth/login', { method: 'POST', body: {}, skipAuthRedirect: true })).rejects.toBeInstanceOf(ApiError);
    expect(hook).toHaveBeenCalledTimes(1);
  });

  it('maps network failures to network_error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request('/meta')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
