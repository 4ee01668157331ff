// The event picker of a webhook subscription: a grid of entity × event type with a 全部 column,
// converted to and from the API's list ("customers.created", "customers.*").
import { EVENT_TYPES, type Delivery, type DeliveryStatus, type EventType } from '@/api/webhooks';

/** Per entity: every type ("entity.*"), or the chosen ones. */
export interface EntityEvents {
  all: boolean;
  types: EventType[];
}
export type EventSelection = Record<string, EntityEvents>;

function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** The picker state for `events`, with a row for each of `entities` (and for any entity the list
 *  names that is not among them, so nothing is silently dropped). Unknown types are ignored. */
export function selectionFromEvents(events: string[], entities: string[]): EventSelection {
  const sel: EventSelection = {};
  for (const e of entities) sel[e] = { all: false, types: [] };
  for (const item of events) {
    const dot = item.lastIndexOf('.');
    if (dot <= 0) continue;
    const entity = item.slice(0, dot);
    const type = item.slice(dot + 1);
    const row = (sel[entity] ??= { all: false, types: [] });
    if (type === '*') row.all = true;
    else if (isEventType(type) && !row.types.includes(type)) row.types.push(type);
  }
  for (const row of Object.values(sel)) row.types = EVENT_TYPES.filter((t) => row.types.includes(t));
  return sel;
}

/** The API list: "entity.*" when 全部 is on or every type is ticked, else one item per type, in
 *  the picker's order. */
export function eventsFromSelection(sel: EventSelection): string[] {
  const out: string[] = [];
  for (const [entity, row] of Object.entries(sel)) {
    if (row.all || EVENT_TYPES.every((t) => row.types.includes(t))) {
      out.push(`${entity}.*`);
      continue;
    }
    for (const t of EVENT_TYPES) if (row.types.includes(t)) out.push(`${entity}.${t}`);
  }
  return out;
}

/** Short texts for a list cell: one per entity, "客户：全部" or "客户：新建、删除". */
export function summarizeEvents(
  events: string[],
  entityLabel: (name: string) => string,
  typeLabel: (type: EventType) => string,
  allLabel: string,
  separator: string,
): string[] {
  const sel = selectionFromEvents(events, []);
  return Object.entries(sel)
    .filter(([, row]) => row.all || row.types.length)
    .map(([entity, row]) => {
      const what = row.all ? allLabel : row.types.map(typeLabel).join(separator);
      return `${entityLabel(entity)}：${what}`;
    });
}

/** One line of the delivery log table. `attempt` 0: not attempted (pending or skipped). */
export interface AttemptRow {
  key: string;
  deliveryId: number;
  event: string;
  recordId: number;
  status: DeliveryStatus;
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  at: string | null;
  /** Only on the newest line of a delivery still waiting for a retry. */
  nextAttemptAt: string | null;
}

/** Deliveries (newest first, attempts newest first) flattened to one row per attempt. */
export function attemptRows(deliveries: Delivery[]): AttemptRow[] {
  const rows: AttemptRow[] = [];
  for (const d of deliveries) {
    const base = { deliveryId: d.id, event: d.event, recordId: d.recordId, status: d.status };
    if (!d.log.length) {
      rows.push({
        ...base, key: `${d.id}`, attempt: 0, statusCode: null, durationMs: 0, error: d.lastError,
        at: d.finishedAt ?? d.createdAt, nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
      });
      continue;
    }
    d.log.forEach((a, i) => {
      rows.push({
        ...base, key: `${d.id}-${a.attempt}`, attempt: a.attempt, statusCode: a.statusCode, durationMs: a.durationMs,
        error: a.error, at: a.at, nextAttemptAt: i === 0 && d.status === 'pending' ? d.nextAttemptAt : null,
      });
    });
  }
  return rows;
}
