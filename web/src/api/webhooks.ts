// Webhook subscriptions (admins): record events pushed to a URL, signed; the delivery log.
import { request } from './client';

export type WebhookFormat = 'json' | 'wecom' | 'dingtalk';
export const WEBHOOK_FORMATS: WebhookFormat[] = ['json', 'wecom', 'dingtalk'];
export const EVENT_TYPES = ['created', 'updated', 'deleted', 'approved', 'rejected', 'state_changed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A subscription as the server shows it: the secret itself never comes back, only `secretSet`. */
export interface Webhook {
  id: number;
  name: string;
  url: string;
  /** "customers.created", or "customers.*" for every event of the entity. */
  events: string[];
  format: WebhookFormat;
  active: boolean;
  secretSet: boolean;
  ownerId: number;
  ownerName?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastDelivery?: { status: DeliveryStatus; statusCode: number | null; createdAt: string } | null;
}

/** Create needs url, events and (for json) a secret of at least 16 characters. On PATCH a missing
 *  or empty secret keeps the stored one. */
export interface WebhookInput {
  name?: string;
  url?: string;
  events?: string[];
  format?: WebhookFormat;
  secret?: string;
  active?: boolean;
  version?: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface DeliveryAttempt {
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  at: string;
}

export interface Delivery {
  id: number;
  event: string;
  entity: string;
  recordId: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  finishedAt: string | null;
  lastStatusCode: number | null;
  /** Transport error, "HTTP 500", a robot's "errcode …", or why it was skipped
   *  ("not_visible", "inactive", "owner_inactive"). */
  lastError: string | null;
  /** Newest attempt first. */
  log: DeliveryAttempt[];
}

export interface DeliveryPage {
  items: Delivery[];
  total: number;
  page: number;
  pageSize: number;
}

export function listWebhooks(): Promise<{ items: Webhook[] }> {
  return request('/webhooks');
}

export function getWebhook(id: number): Promise<Webhook> {
  return request(`/webhooks/${id}`);
}

/** 422 invalid_url / validation_failed with `fields` (url, events, format, secret, name). */
export function createWebhook(body: WebhookInput): Promise<Webhook> {
  return request('/webhooks', { method: 'POST', body });
}

export function updateWebhook(id: number, body: WebhookInput): Promise<Webhook> {
  return request(`/webhooks/${id}`, { method: 'PATCH', body });
}

export function deleteWebhook(id: number): Promise<void> {
  return request(`/webhooks/${id}`, { method: 'DELETE' });
}

export function listDeliveries(id: number, page = 1, pageSize = 20): Promise<DeliveryPage> {
  return request(`/webhooks/${id}/deliveries`, { query: { page, pageSize } });
}

/** Queues a "ping" delivery (202); it is sent within a few seconds. */
export function testWebhook(id: number): Promise<{ deliveryId: number }> {
  return request(`/webhooks/${id}/test`, { method: 'POST', body: {} });
}
