// Which menu module an entity belongs to. Entities not listed go to "other".
export const MODULES: { key: string; icon: string; entities: string[] }[] = [
  { key: 'customers', icon: 'User', entities: ['customers', 'contacts', 'followups', 'pools'] },
  { key: 'sales', icon: 'TrendCharts', entities: ['leads', 'opportunities', 'activities', 'competitors', 'campaigns'] },
  { key: 'orders', icon: 'Tickets', entities: ['products', 'quotes', 'orders', 'contracts', 'deliveries', 'payments'] },
  { key: 'service', icon: 'Service', entities: ['complaints', 'service-requests', 'kb-articles'] },
  { key: 'documents', icon: 'Document', entities: ['documents'] },
  { key: 'organization', icon: 'OfficeBuilding', entities: ['users', 'departments', 'roles'] },
];

export const OTHER_MODULE = { key: 'other', icon: 'Menu', entities: [] as string[] };

export function moduleOf(entity: string): string {
  return MODULES.find((m) => m.entities.includes(entity))?.key ?? OTHER_MODULE.key;
}

/**
 * Quick filters (enum selects and the owner in the filter bar) for entities whose metadata does not
 * name them yet ("quickFilters" in metadata/entities/*.json wins).
 */
export const DEFAULT_QUICK_FILTERS: Record<string, string[]> = {
  customers: ['category', 'industry', 'importance', 'approvalState', 'ownerId'],
};

/**
 * Names of the records a relation field gathers on its target's page, for fields whose metadata
 * has no "inverseLabels" yet (entity.field → labels).
 */
export const DEFAULT_INVERSE_LABELS: Record<string, Record<'zh-CN' | 'zh-TW' | 'en', string>> = {
  'customers.parentCompanyId': { 'zh-CN': '下级公司', 'zh-TW': '下級公司', en: 'Subsidiaries' },
  'customers.dealerId': { 'zh-CN': '经销客户', 'zh-TW': '經銷客戶', en: 'Dealer customers' },
};
