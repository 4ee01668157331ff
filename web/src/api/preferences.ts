import { request } from './client';

/** Per-user settings kept on the server; `key` matches [a-z0-9._-]{1,100}, value ≤ 16 KB of JSON. */
export async function getPreference<T>(key: string): Promise<T | null> {
  const res = await request<{ key: string; value: T | null }>(`/preferences/${encodeURIComponent(key)}`);
  return res.value ?? null;
}

export async function putPreference<T>(key: string, value: T): Promise<T> {
  const res = await request<{ key: string; value: T }>(`/preferences/${encodeURIComponent(key)}`, {
    method: 'PUT',
    body: { value },
  });
  return res.value;
}
