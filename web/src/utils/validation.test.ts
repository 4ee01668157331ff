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

describe('format rules', () => {
  const postal = field({ format: 'postalCode' });
  const credit = field({ format: 'creditCode' });
  it('wants exactly 6 digits for a postal code, leading zero allowed', () => {
    expect(validateField(postal, '010000')).toBeNull();
    expect(validateField(postal, '100101')).toBeNull();
    for (const bad of ['12345', '1234567', '10010a', '100 01']) expect(validateField(postal, bad)).toBe('invalid_postal_code');
  });
  it('checks the credit code alphabet and length after upper-casing and removing spaces', () => {
    expect(validateField(credit, '91350100M000100Y43')).toBeNull();
    expect(validateField(credit, '91350100m000100y43')).toBeNull();
    expect(validateField(credit, '9135 0100 M000 100Y 43')).toBeNull();
    // A wrong check character passes here: the server warns and the user may confirm it.
    expect(validateField(credit, '91350100M000100Y44')).toBeNull();
    for (const bad of ['91350100M000100Y4', '91350100M000100Y433', '91350100I000100Y43', '91350100O000100Y43', '9135010SM00100Y43Z']) {
      expect(validateField(credit, bad)).toBe('invalid_credit_code');
    }
  });
  it('leaves empty optional values alone', () => {
    expect(validateField(postal, '')).toBeNull();
    expect(validateField(credit, null)).toBeNull();
  });
});
