import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '@/api/types';
import { isValidEmail, isValidPhone, validateField } from './validation';

const field = (over: Partial<FieldMeta>): FieldMeta => ({ name: 'x', type: 'text', labels: {}, ...over });

describe('phone', () => {
  it.each(['13812345678', '+8613812345678', '008613812345678', '8619912345678', '138 1234 5678', '010-12345678',
    '0755 88888888', '021-6123456', '400-123-4567', '4001234567', '800-810-8888', '010-12345678-123'])(
    'accepts %s', (v) => expect(isValidPhone(v)).toBe(true));

  it.each(['12812345678', '1381234567', '138123456789', '+8712345678901', 'abc', '123', '01-1234', '500-123-4567'])(
    'rejects %s', (v) => expect(isValidPhone(v)).toBe(false));
});

describe('email', () => {
  it('accepts ordinary addresses and rejects broken ones', () => {
    expect(isValidEmail('zhang.san@example.com.cn')).toBe(true);
    expect(isValidEmail('li@wanglian.cn')).toBe(true);
    expect(isValidEmail('no-at-sign.com')).toBe(false);
    expect(isValidEmail('a@b')).toBe(false);
    expect(isValidEmail('a b@c.com')).toBe(false);
  });
});

describe('validateField', () => {
  it('required fails on empty values of every shape', () => {
    const f = field({ required: true });
    for (const empty of [null, undefined, '', '   ', []]) expect(validateField(f, empty)).toBe('required');
    expect(validateField(field({ required: true, type: 'money' }), { amount: '', currency: 'CNY' })).toBe('required');
    expect(validateField(f, '北京网联科技有限公司')).toBeNull();
    expect(validateField(field({ required: true, type: 'boolean' }), false)).toBeNull();
    expect(validateField(field({ required: true, type: 'integer' }), 0)).toBeNull();
  });

  it('optional empty values pass every rule', () => {
    expect(validateField(field({ type: 'email' }), '')).toBeNull();
    expect(validateField(field({ type: 'phone' }), null)).toBeNull();
  });

  it('maxLength counts characters, not UTF-16 units', () => {
    expect(validateField(field({ maxLength: 4 }), '北京网联')).toBeNull();
    expect(validateField(field({ maxLength: 4 }), '北京网联科')).toBe('too_long');
    expect(validateField(field({ maxLength: 2 }), '𠀀𠀀')).toBeNull();
  });

  it('checks email, phone and url formats by field type', () => {
    expect(validateField(field({ type: 'email' }), 'bad')).toBe('invalid_email');
    expect(validateField(field({ type: 'phone' }), '123')).toBe('invalid_phone');
    expect(validateField(field({ type: 'phone' }), '13912345678')).toBeNull();
    expect(validateField(field({ type: 'url' }), 'www.example.com')).toBe('invalid_url');
    expect(validateField(field({ type: 'url' }), 'https://example.com')).toBeNull();
  });
});
