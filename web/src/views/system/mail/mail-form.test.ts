import { describe, expect, it } from 'vitest';
import type { MailSettings } from '@/api/mail';
import { formFromSettings, insertAt, looksLikeAddress, placeholder, portForTls, settingsPatch, statusTag } from './mail-form';

const saved: MailSettings = {
  host: 'smtp.example.com',
  port: 465,
  tls: 'tls',
  username: 'crm',
  from: 'Kehu <crm@example.com>',
  passwordSet: true,
};

describe('mail settings form', () => {
  it('sends nothing when nothing changed, and never an empty password by accident', () => {
    const form = formFromSettings(saved);
    expect(form.password).toBe('');
    expect(settingsPatch(saved, form)).toEqual({});
  });

  it('sends only changed fields, trimmed', () => {
    const form = { ...formFromSettings(saved), host: ' mail.example.cn ', port: 587, tls: 'starttls' as const };
    expect(settingsPatch(saved, form)).toEqual({ host: 'mail.example.cn', port: 587, tls: 'starttls' });
  });

  it('sends a typed password, and "" only when clearing was chosen and one is set', () => {
    expect(settingsPatch(saved, { ...formFromSettings(saved), password: 'n3w' })).toEqual({ password: 'n3w' });
    expect(settingsPatch(saved, { ...formFromSettings(saved), clearPassword: true })).toEqual({ password: '' });
    const none = { ...saved, passwordSet: false };
    expect(settingsPatch(none, { ...formFromSettings(none), clearPassword: true })).toEqual({});
  });

  it('moves a usual port along with the security mode, keeps a custom one', () => {
    expect(portForTls('starttls', 'tls', 465)).toBe(587);
    expect(portForTls('none', 'starttls', 587)).toBe(25);
    expect(portForTls('tls', 'none', 2525)).toBe(2525);
    expect(portForTls('tls', 'none', 0)).toBe(465);
  });
});

describe('mail helpers', () => {
  it('tags statuses', () => {
    expect(statusTag('sent')).toBe('success');
    expect(statusTag('failed')).toBe('danger');
    expect(statusTag('retrying')).toBe('warning');
    expect(statusTag('queued')).toBe('info');
  });

  it('builds placeholders and inserts them at the caret', () => {
    expect(placeholder('title')).toBe('{{title}}');
    expect(insertAt('Hi !', '{{actor}}', 3)).toEqual({ value: 'Hi {{actor}}!', caret: 12 });
    expect(insertAt('abc', 'X', 1, 2)).toEqual({ value: 'aXc', caret: 2 });
    expect(insertAt('abc', 'X', null)).toEqual({ value: 'abcX', caret: 4 });
  });

  it('checks addresses loosely', () => {
    expect(looksLikeAddress('li.na@example.com')).toBe(true);
    expect(looksLikeAddress(' li.na@example.com ')).toBe(true);
    expect(looksLikeAddress('li.na@example')).toBe(false);
    expect(looksLikeAddress('a b@example.com')).toBe(false);
    expect(looksLikeAddress('')).toBe(false);
  });
});
