import { apiUrl, request } from './client';

/** One in-app notification; title and body come rendered in the caller's language. */
export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** The record it is about (entity path name and id), or null. */
  entity: string | null;
  recordId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: AppNotification[];
  total: number;
  unreadCount: number;
  page: number;
  pageSize: number;
}

/** What an SSE `notification` event carries: the notification and the new unread count. */
export type NotificationEvent = AppNotification & { unreadCount: number };

/** The caller's notifications, newest first. */
export function listNotifications(params: { unread?: boolean; page?: number; pageSize?: number } = {}): Promise<NotificationList> {
  return request('/notifications', {
    query: { unread: params.unread ? 'true' : undefined, page: params.page, pageSize: params.pageSize },
  });
}

export async function fetchUnreadCount(): Promise<number> {
  return (await request<{ unreadCount: number }>('/notifications/unread-count')).unreadCount;
}

/** Marks one of the caller's notifications read (404 for anyone else's). */
export function markNotificationRead(id: number): Promise<NotificationEvent> {
  return request(`/notifications/${id}/read`, { method: 'POST', body: {} });
}

export function markAllNotificationsRead(): Promise<{ updated: number; unreadCount: number }> {
  return request('/notifications/read-all', { method: 'POST', body: {} });
}

/** URL of the caller's Server-Sent Events stream (EventSource cannot send headers: lang goes in the query). */
export function eventsUrl(lang: string, lastEventId?: number): string {
  return apiUrl('/events', { lang, lastEventId: lastEventId || undefined });
}
