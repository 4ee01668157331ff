// The one HTTP client: cookies, CSRF, language and error shape live here only.

export interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
  [extra: string]: unknown;
}

/** Any non-2xx answer or network failure, normalized. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly body: ApiErrorBody | null;
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    body?: ApiErrorBody | null;
    retryAfter?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.body = init.body ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); null if absent/invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Builds an ApiError from a status, the raw body text and the Retry-After header. */
export function parseApiError(status: number, text: string, retryAfter: string | null = null): ApiError {
  let body: ApiErrorBody | null = null;
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as ApiErrorBody;
  } catch {
    body = null;
  }
  const err = body?.error;
  const fields = err?.fields && typeof err.fields === 'object' ? err.fields : {};
  return new ApiError({
    status,
    code: typeof err?.code === 'string' ? err.code : `http_${status}`,
    message: typeof err?.message === 'string' ? err.message : '',
    fields,
    body,
    retryAfter: parseRetryAfter(retryAfter),
  });
}

type Hook = () => void;

const state: { csrfToken: string; locale: string; onUnauthorized: Hook | null } = {
  csrfToken: '',
  locale: 'zh-CN',
  onUnauthorized: null,
};

export function setCsrfToken(token: string): void {
  state.csrfToken = token;
}
/** For requests made outside `request` (uploads with progress). */
export function csrfToken(): string {
  return state.csrfToken;
}
export function requestLocale(): string {
  return state.locale;
}
export function notifyUnauthorized(): void {
  state.onUnauthorized?.();
}
export function setRequestLocale(locale: string): void {
  state.locale = locale;
}
/** Called on any 401 except from requests marked `skipAuthRedirect`. */
export function setUnauthorizedHandler(hook: Hook | null): void {
  state.onUnauthorized = hook;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: string | URLSearchParams | Record<string, QueryValue>;
  body?: unknown;
  /** A file sent as is (imports); `contentType` names it. */
  rawBody?: Blob;
  contentType?: string;
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

export const API_BASE = '/api/v1';

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  let qs = '';
  if (typeof query === 'string') qs = query;
  else if (query instanceof URLSearchParams) qs = query.toString();
  else if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
    }
    qs = params.toString();
  }
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': state.locale,
  };
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.rawBody) headers['Content-Type'] = options.contentType || options.rawBody.type || 'application/octet-stream';

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network_error', message: '' });
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!response.ok) {
    const error = parseApiError(response.status, text, response.headers.get('Retry-After'));
    if (response.status === 401 && !options.skipAuthRedirect) state.onUnauthorized?.();
    throw error;
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
