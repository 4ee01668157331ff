import { describe, expect, it } from 'vitest';
import { contactsVcardUrl, customerListUrl, labelsUrl } from '@/api/printing';
import { layoutText } from './printing';

describe('label layouts', () => {
  it('reads like the sheet on the shelf', () => {
    expect(layoutText({ name: 'a4-3x8', cols: 3, rows: 8, labelWidthMm: 70, labelHeightMm: 37 })).toBe('A4 3×8 (70×37 mm)');
    expect(layoutText({ name: 'a4-2x7', cols: 2, rows: 7, labelWidthMm: 99.1, labelHeightMm: 38.1 })).toBe('A4 2×7 (99.1×38.1 mm)');
    expect(layoutText({ name: 'custom', cols: 2, rows: 5, labelWidthMm: 90, labelHeightMm: 50 })).toBe('2×5 (90×50 mm)');
  });
});

describe('printout links', () => {
  it('carry the list filters without paging', () => {
    const q = 'page=2&pageSize=20&sort=-updatedAt&category=current&region%5BstartsWith%5D=44';
    const labels = new URL(labelsUrl(q, 'a4-3x8', 5), 'http://x');
    expect(labels.pathname).toBe('/api/v1/customers/labels');
    expect(Object.fromEntries(labels.searchParams)).toEqual({
      sort: '-updatedAt', category: 'current', 'region[startsWith]': '44', format: 'pdf', layout: 'a4-3x8', skip: '5',
    });
    const phones = new URL(customerListUrl('phone-list', 'csv', q), 'http://x');
    expect(phones.pathname).toBe('/api/v1/customers/phone-list');
    expect(phones.searchParams.get('format')).toBe('csv');
    expect(phones.searchParams.get('page')).toBeNull();
    const vcard = new URL(contactsVcardUrl('customerId=3&page=1'), 'http://x');
    expect(vcard.pathname).toBe('/api/v1/contacts/vcard');
    expect(Object.fromEntries(vcard.searchParams)).toEqual({ customerId: '3', version: '3.0' });
  });
});
