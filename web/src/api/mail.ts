// Mail (admins): SMTP settings and a test send, template overrides, the mail log.
import { request } from './client';

const seg = (s: string) => encodeURIComponent(s);

export type MailTls = 'none' | 'starttls' | 'tls';

/** GET /settings/mail: never the password, only whether one is set. */
export interface MailSettings {
  host: string;
  port: number;
  tls: MailTls;
  username: string;
  from: string;
  passwordSet: boolean;
}

/**
 * PATCH /settings/mail: an absent field keeps its value, null goes back to the server's default
 * (`kehu serve --smtp`), and password "" clears the password. 422 with fields (invalid_host,
 * invalid_port, invalid_option, invalid_email, required, too_long).
 */
export interface MailSettingsPatch {
  host?: string | null;
  port?: number | null;
  tls?: MailTls | null;
  username?: string | null;
  password?: string;
  from?: string | null;
}

export function getMailSettings(): Promise<MailSettings> {
  return request('/settings/mail');
}

export function patchMailSettings(patch: MailSettingsPatch): Promise<MailSettings> {
  return request('/settings/mail', { method: 'PATCH', body: patch });
}

/**
 * Sends the "test" template now, in `locale` (default: the request's language). 422
 * fields.to = invalid_email or code mail_not_configured; 502 smtp_failed with the server's words.
 */
export function sendTestMail(to: string, locale?: string): Promise<{ sent: true }> {
  return request('/settings/mail/test', { method: 'POST', body: locale ? { to, locale } : { to } });
}

export interface MailTemplateSummary {
  name: string;
  locale: string;
  overridden: boolean;
  updatedAt: string | null;
  params: string[];
}

export interface MailTemplateList {
  items: MailTemplateSummary[];
  names: string[];
  locales: string[];
}

export interface MailTemplateText {
  subject: string;
  body: string;
}

export interface MailTemplate extends MailTemplateSummary, MailTemplateText {
  /** The built-in text that DELETE restores. */
  default: MailTemplateText;
}

export function listMailTemplates(): Promise<MailTemplateList> {
  return request('/mail-templates');
}

export function getMailTemplate(name: string, locale: string): Promise<MailTemplate> {
  return request(`/mail-templates/${seg(name)}/${seg(locale)}`);
}

/** 422 fields.subject/body: required, too_long, single_line, template_syntax; nothing saved then. */
export function putMailTemplate(name: string, locale: string, text: MailTemplateText): Promise<MailTemplate> {
  return request(`/mail-templates/${seg(name)}/${seg(locale)}`, { method: 'PUT', body: text });
}

/** Back to the built-in text. */
export function deleteMailTemplate(name: string, locale: string): Promise<void> {
  return request(`/mail-templates/${seg(name)}/${seg(locale)}`, { method: 'DELETE' });
}

/** Renders the given (or stored) text with example values, as a recipient would read it. */
export function previewMailTemplate(name: string, locale: string, text: Partial<MailTemplateText>): Promise<MailTemplateText> {
  return request(`/mail-templates/${seg(name)}/${seg(locale)}/preview`, { method: 'POST', body: text });
}

export type MailStatus = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed';

export interface MailLogItem {
  id: number;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  template: string;
  locale: string;
}

export interface MailLogPage {
  items: MailLogItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** Newest first. */
export function listMailLog(query: { status?: MailStatus | ''; page?: number; pageSize?: number }): Promise<MailLogPage> {
  return request('/mail-log', { query });
}
