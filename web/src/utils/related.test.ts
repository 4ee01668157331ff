import { describe, expect, it } from 'vitest';
import type { EntityMeta, FieldMeta } from '@/api/types';
import { relatedTabs } from './related';

const f = (name: string, target?: string, over: Partial<FieldMeta> = {}): FieldMeta => ({
  name, type: target ? 'relation' : 'text', target, labels: {}, ...over,
});
const e = (name: string, fields: FieldMeta[]): EntityMeta => ({
  name, labels: {}, owned: true, searchable: true, titleField: 'name', listColumns: [], actions: [], fields,
});

describe('relatedTabs', () => {
  const entities = [
    e('contacts', [f('name'), f('customerId', 'customers')]),
    e('customers', [f('name'), f('dealerId', 'customers'), f('parentCompanyId', 'customers', { inverseLabels: { 'zh-CN': '下级公司' } })]),
    e('opportunities', [f('customerId', 'customers', { readable: false })]),
    e('orders', [f('contactId', 'contacts')]),
  ];
  it('finds every readable relation to the entity, one tab per field', () => {
    const tabs = relatedTabs(entities, 'customers');
    expect(tabs.map((t) => [t.key, t.via, t.ambiguous])).toEqual([
      ['related:contacts', 'customerId', false],
      ['related:customers:dealerId', 'dealerId', true],
      ['related:customers:parentCompanyId', 'parentCompanyId', true],
    ]);
    expect(tabs[2].inverseLabels).toEqual({ 'zh-CN': '下级公司' });
  });
  it('plugs in other entities by their relation fields', () => {
    expect(relatedTabs(entities, 'contacts').map((t) => t.key)).toEqual(['related:orders']);
  });
});
