import { ApiError, apiUrl, csrfToken, notifyUnauthorized, parseApiError, request, requestLocale } from './client';
import type { FileInfo } from './types';

export function listFiles(recordEntity: string, recordId: number | string): Promise<FileInfo[]> {
  return request<{ items: FileInfo[] }>('/files', { query: { recordEntity, recordId } }).then((r) => r.items ?? []);
}

/** Download link; GET needs no CSRF token and the session cookie goes along. */
export function fileUrl(id: number): string {
  return apiUrl(`/files/${id}`);
}

export function deleteFile(id: number): Promise<void> {
  return request(`/files/${id}`, { method: 'DELETE' });
}

export interface UploadOptions {
  recordEntity: string;
  recordId: number | string;
  /** Called with 0–100 while the body is sent. */
  onProgress?: (percent: number) => void;
}

/**
 * Sends the raw file body. XMLHttpRequest rather than fetch because only it reports upload
 * progress; errors come back as the same ApiError that `request` throws.
 */
export function uploadFile(file: File, options: UploadOptions): { promise: Promise<FileInfo>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<FileInfo>((resolve, reject) => {
    xhr.open('POST', apiUrl('/files', { name: file.name, recordEntity: options.recordEntity, recordId: options.recordId }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', requestLocale());
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as FileInfo);
        } catch {
          reject(parseApiError(xhr.status, ''));
        }
        return;
      }
      if (xhr.status === 401) notifyUnauthorized();
      reject(parseApiError(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network_error', message: '' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
