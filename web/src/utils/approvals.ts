// 审批: what the approval panel, the inbox and the flows page compute from the API's shapes.
import type { ApprovalInstance, ApprovalState, Approver, ApproverType, FlowCondition, FlowStep, StepMode } from '@/api/approvals';
import type { EntityMeta, FieldMeta } from '@/api/types';

export const APPROVAL_STATE_FIELD = 'approvalState';

/** Entities whose metadata has approvalState run on the approvals engine. */
export function hasApprovals(entity: EntityMeta | null | undefined): boolean {
  return !!entity?.fields.some((f) => f.name === APPROVAL_STATE_FIELD && f.type === 'enum');
}

/** A record without the field counts as 未提交, as the server treats it. */
export function approvalStateOf(record: Record<string, unknown> | null | undefined): ApprovalState {
  const v = record?.[APPROVAL_STATE_FIELD];
  return v === 'pending' || v === 'approved' || v === 'rejected' || v === 'withdrawn' ? v : 'draft';
}

/** A record pending approval keeps the data as submitted: the server answers edits with 409 approval_pending. */
export function isPendingApproval(record: Record<string, unknown> | null | undefined): boolean {
  return approvalStateOf(record) === 'pending';
}

export type TagType = 'info' | 'warning' | 'success' | 'danger';

export function stateTagType(state: string): TagType {
  if (state === 'pending') return 'warning';
  if (state === 'approved') return 'success';
  if (state === 'rejected') return 'danger';
  return 'info';
}

export type PanelAction = 'submit' | 'withdraw' | 'approve' | 'reject';

/**
 * Buttons in order: 提交审批 when not pending and the user may edit; 通过 / 驳回 for an approver of
 * the current step who has not decided; 撤回 for the submitter (or an admin).
 */
export function panelActions(state: ApprovalState, instance: ApprovalInstance | null, canEdit: boolean): PanelAction[] {
  const out: PanelAction[] = [];
  if (state !== 'pending' && canEdit) out.push('submit');
  if (state === 'pending' && instance?.state === 'pending') {
    if (instance.canDecide) out.push('approve', 'reject');
    if (instance.canWithdraw) out.push('withdraw');
  }
  return out;
}

/** "user" | "manager" | … with its parameter, for the i18n key approvals.approver.<type>. */
export function approverParams(a: Approver): { type: ApproverType; userId?: number; levels?: number; role?: string } {
  switch (a.type) {
    case 'user': return { type: a.type, userId: a.userId };
    case 'manager_chain': return { type: a.type, levels: a.levels };
    case 'role': return { type: a.type, role: a.role };
    default: return { type: a.type };
  }
}

// --- condition builder: rows (field, operator, value) ⇄ the list-filter object the API stores ---

export type ConditionOperator = 'eq' | 'ne' | 'in' | 'contains' | 'startsWith' | 'gt' | 'gte' | 'lt' | 'lte' | 'isNull';

export interface FlowConditionRow {
  field: string;
  op: ConditionOperator;
  /** Text; several options for `in`; "true"/"false" for isNull and booleans. */
  value: string | string[];
}

const NUMERIC = new Set(['integer', 'decimal', 'money', 'date', 'datetime']);

/** The operators a condition row offers for a field (the list filter's, API.md). */
export function conditionOperators(field: FieldMeta): ConditionOperator[] {
  if (field.type === 'enum' || field.type === 'multienum') return ['eq', 'in', 'ne'];
  if (NUMERIC.has(field.type)) return ['eq', 'gt', 'gte', 'lt', 'lte', 'isNull'];
  if (field.type === 'boolean' || field.type === 'user' || field.type === 'relation') return ['eq', 'ne', 'isNull'];
  if (field.type === 'region') return ['startsWith', 'eq'];
  return ['eq', 'contains', 'startsWith', 'ne', 'isNull'];
}

export function conditionKey(row: FlowConditionRow): string {
  return row.op === 'eq' ? row.field : `${row.field}[${row.op}]`;
}

const filled = (v: string | string[]) => (Array.isArray(v) ? v.length > 0 : v.trim() !== '');

/** Complete rows as the stored object; incomplete ones are left out. */
export function rowsToCondition(rows: FlowConditionRow[]): FlowCondition {
  const out: FlowCondition = {};
  for (const r of rows) {
    if (!r.field || !filled(r.value)) continue;
    out[conditionKey(r)] = Array.isArray(r.value) ? r.value.join(',') : r.value.trim();
  }
  return out;
}

/** The stored object as rows; `in` values split back into options. */
export function conditionToRows(condition: FlowCondition | null | undefined): FlowConditionRow[] {
  return Object.entries(condition ?? {}).map(([key, raw]) => {
    const m = /^([^[\]]+)\[([A-Za-z]+)\]$/.exec(key);
    const field = m ? m[1] : key;
    const op = (m ? m[2] : 'eq') as ConditionOperator;
    const value = String(raw ?? '');
    return { field, op, value: op === 'in' ? value.split(',').filter((s) => s !== '') : value };
  });
}

/** A fresh step for the steps editor. */
export function newStep(type: ApproverType = 'manager', mode: StepMode = 'any'): FlowStep {
  const approver: Approver =
    type === 'user' ? { type, userId: 0 }
      : type === 'manager_chain' ? { type, levels: 2 }
        : type === 'role' ? { type, role: 'supervisor' }
          : { type: 'manager' };
  return { name: '', approver, mode };
}

/** Steps as the API takes them: blank names dropped. */
export function cleanSteps(steps: FlowStep[]): FlowStep[] {
  return steps.map((s) => {
    const name = s.name?.trim();
    return name ? { name, approver: s.approver, mode: s.mode } : { approver: s.approver, mode: s.mode };
  });
}

/**
 * Server field errors of a flow ("steps[1].approver.role": "unknown_role") by step index, for the
 * steps editor; other keys (entity, name, condition, steps) under -1.
 */
export function stepErrors(fields: Record<string, string>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [key, code] of Object.entries(fields)) {
    const m = /^steps\[(\d+)\]/.exec(key);
    const i = m ? Number(m[1]) : -1;
    out.set(i, [...(out.get(i) ?? []), code]);
  }
  return out;
}
