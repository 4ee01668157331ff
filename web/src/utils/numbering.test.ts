import { describe, expect, it } from 'vitest';
import { numberedField, renderPattern } from './numbering';

describe('numbering', () => {
  it('renders dates and a padded sequence', () => {
    const d = new Date(2026, 10, 3);
    expect(renderPattern('KH{yyyy}{MM}-{seq:5}', d, 42)).toBe('KH202611-00042');
    expect(renderPattern('C{yy}{MM}{dd}{seq:3}', d, 7)).toBe('C261103007');
    expect(renderPattern('X{seq:2}', d, 123)).toBe('X123');
  });

  it('leaves unknown placeholders as typed', () => {
    expect(renderPattern('KH{foo}{seq:3}', new Date(2026, 0, 1), 1)).toBe('KH{foo}001');
  });

  it('knows the customer code is numbered', () => {
    expect(numberedField('customers')).toBe('code');
    expect(numberedField('contacts')).toBeUndefined();
  });
});
