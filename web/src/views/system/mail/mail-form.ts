// Logic of the mail settings page kept out of the components: what a save sends, ports that
// follow the security mode, status tags of the log, and mustache placeholders for the editor.
import type { MailSettings, MailSettingsPatch, MailStatus, MailTls } from '@/api/mail';

export interface MailForm {
  host: string;
  port: number;
  tls: MailTls;
  username: string;
  /** Typed by the admin; '' means "leave as it is" unless clearPassword. */
  password: string;
  clearPassword: boolean;
  from: string;
}

export const TLS_OPTIONS: MailTls[] = ['none', 'starttls', 'tls'];
export const DEFAULT_PORTS: Record<MailTls, number> = { none: 25, starttls: 587, tls: 465 };
export const MAIL_STATUSES: MailStatus[] = ['queued', 'sending', 'retrying', 'sent', 'failed'];

export function formFromSettings(s: MailSettings): MailForm {
  return { host: s.host, port: s.port, tls: s.tls, username: s.username, password: '', clearPassword: false, from: s.from };
}

/**
 * The PATCH body for a save: only what changed, trimmed; the password only when one was typed
 * (never the empty string by accident: clearing is an explicit choice).
 */
export function settingsPatch(original: MailSettings, form: MailForm): MailSettingsPatch {
  const patch: MailSettingsPatch = {};
  const host = form.host.trim();
  const from = form.from.trim();
  const username = form.username.trim();
  if (host !== original.host) patch.host = host;
  if (form.port !== original.port) patch.port = form.port;
  if (form.tls !== original.tls) patch.tls = form.tls;
  if (username !== original.username) patch.username = username;
  if (from !== original.from) patch.from = from;
  if (form.password !== '') patch.password = form.password;
  else if (form.clearPassword && original.passwordSet) patch.password = '';
  return patch;
}

/** After a change of security mode: a port that was the old mode's usual one follows the new mode. */
export function portForTls(tls: MailTls, previousTls: MailTls, port: number): number {
  return port === DEFAULT_PORTS[previousTls] || !port ? DEFAULT_PORTS[tls] : port;
}

/** Element Plus tag type of a log row's status. */
export function statusTag(status: MailStatus): 'success' | 'danger' | 'warning' | 'info' | 'primary' {
  switch (status) {
    case 'sent':
      return 'success';
    case 'failed':
      return 'danger';
    case 'retrying':
      return 'warning';
    case 'sending':
      return 'primary';
    default:
      return 'info';
  }
}

/** "{{title}}" for a parameter name (built in code: the braces are special in vue-i18n and templates). */
export function placeholder(name: string): string {
  return `${'{'.repeat(2)}${name}${'}'.repeat(2)}`;
}

/** Inserts `text` into `value` over the selection [start, end), returning the new value and caret. */
export function insertAt(value: string, text: string, start: number | null | undefined, end?: number | null): { value: string; caret: number } {
  const at = start ?? value.length;
  const to = end ?? at;
  return { value: value.slice(0, at) + text + value.slice(to), caret: at + text.length };
}

/** A quick check before asking the server (which has the final word). */
export function looksLikeAddress(text: string): boolean {
  return /^[^\s<>,"@]+@[^\s<>,"@]+\.[^\s<>,"@]+$/.test(text.trim());
}
