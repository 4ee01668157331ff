// Printouts of the customer module (labels, address and phone lists) and contact vCards.
import { apiUrl, request } from './client';
import type { LabelLayout } from './types';

/** Filters of the current list without paging, as a query string. */
function withFilters(listQuery: string, extra: Record<string, string>): URLSearchParams {
  const params = new URLSearchParams(listQuery);
  params.delete('page');
  params.delete('pageSize');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}

export async function listLabelLayouts(): Promise<LabelLayout[]> {
  const res = await request<{ items?: LabelLayout[] }>('/customers/label-layouts');
  return res.items ?? [];
}

/** Address labels as PDF for the customers the list query selects; `skip` leaves used labels blank. */
export function labelsUrl(listQuery: string, layout: string, skip: number): string {
  return apiUrl('/customers/labels', withFilters(listQuery, { format: 'pdf', layout, skip: String(skip) }));
}

export type CustomerListKind = 'address-list' | 'phone-list';

export function customerListUrl(kind: CustomerListKind, format: 'pdf' | 'csv', listQuery: string): string {
  return apiUrl(`/customers/${kind}`, withFilters(listQuery, { format }));
}

export function contactsVcardUrl(listQuery: string): string {
  return apiUrl('/contacts/vcard', withFilters(listQuery, { version: '3.0' }));
}

export function contactVcardUrl(id: number | string): string {
  return apiUrl(`/contacts/${encodeURIComponent(String(id))}/vcard`);
}
