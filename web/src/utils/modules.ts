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
