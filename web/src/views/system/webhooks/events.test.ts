import { describe, expect, it } from 'vitest';
import type { Delivery } from '@/api/webhooks';
import { attemptRows, eventsFromSelection, selectionFromEvents, summarizeEvents } from './events';

describe('webhook event picker', () => {
  it('reads the API list into rows per entity, keeping picker order', () => {
    const sel = selectionFromEvents(['customers.deleted', 'customers.created', 'contacts.*'], ['customers', 'contacts', 'orders']);
    expect(sel.customers).toEqual({ all: false, types: ['created', 'deleted'] });
    expect(sel.contacts).toEqual({ all: true, types: [] });
    expect(sel.orders).toEqual({ all: false, types: [] });
  });

  it('keeps entities the picker does not list and ignores unknown types and junk', () => {
    const sel = selectionFromEvents(['leads.approved', 'customers.exploded', 'nodot', '.created'], ['customers']);
    expect(sel.leads).toEqual({ all: false, types: ['approved'] });
    expect(sel.customers).toEqual({ all: false, types: [] });
    expect(Object.keys(sel)).toEqual(['customers', 'leads']);
  });

  it('writes 全部 (or every type ticked) as entity.*', () => {
    expect(
      eventsFromSelection({
        customers: { all: false, types: ['created', 'updated', 'deleted', 'approved', 'rejected', 'state_changed'] },
        contacts: { all: true, types: ['created'] },
        orders: { all: false, types: [] },
      }),
    ).toEqual(['customers.*', 'contacts.*']);
  });

  it('round-trips', () => {
    const events = ['customers.created', 'customers.state_changed', 'contacts.*'];
    expect(eventsFromSelection(selectionFromEvents(events, ['customers', 'contacts']))).toEqual(events);
  });

  it('summarizes per entity with labels', () => {
    const labels: Record<string, string> = { customers: '客户', contacts: '联系人', created: '新建', deleted: '删除' };
    const text = summarizeEvents(
      ['customers.deleted', 'customers.created', 'contacts.*'],
      (e) => labels[e] ?? e,
      (t) => labels[t] ?? t,
      '全部',
      '、',
    );
    expect(text).toEqual(['客户：新建、删除', '联系人：全部']);
  });
});

describe('delivery log rows', () => {
  const delivery = (over: Partial<Delivery>): Delivery => ({
    id: 1, event: 'customers.created', entity: 'customers', recordId: 7, status: 'delivered', attempts: 0,
    nextAttemptAt: null, createdAt: '2026-01-01T00:00:00.000Z', finishedAt: null, lastStatusCode: null,
    lastError: null, log: [], ...over,
  });

  it('gives each attempt a row and the retry time only to the newest of a pending delivery', () => {
    const rows = attemptRows([
      delivery({
        id: 2, status: 'pending', attempts: 2, nextAttemptAt: '2026-01-01T00:10:00.000Z',
        log: [
          { attempt: 2, statusCode: 500, durationMs: 12, error: 'HTTP 500', at: '2026-01-01T00:02:00.000Z' },
          { attempt: 1, statusCode: null, durationMs: 10000, error: 'timeout', at: '2026-01-01T00:01:00.000Z' },
        ],
      }),
      delivery({ id: 1, status: 'skipped', lastError: 'not_visible', finishedAt: '2026-01-01T00:00:05.000Z' }),
    ]);
    expect(rows.map((r) => [r.key, r.attempt, r.statusCode, r.nextAttemptAt])).toEqual([
      ['2-2', 2, 500, '2026-01-01T00:10:00.000Z'],
      ['2-1', 1, null, null],
      ['1', 0, null, null],
    ]);
    expect(rows[2]).toMatchObject({ status: 'skipped', error: 'not_visible', at: '2026-01-01T00:00:05.000Z' });
  });
});
