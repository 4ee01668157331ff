import { describe, expect, it } from 'vitest';
import type { ApprovalInstance } from '@/api/approvals';
import type { EntityMeta } from '@/api/types';
import en from '@/locales/areas/approvals/en';
import zhCN from '@/locales/areas/approvals/zh-CN';
import zhTW from '@/locales/areas/approvals/zh-TW';
import {
  approvalStateOf, cleanSteps, conditionKey, conditionOperators, conditionToRows, hasApprovals, isPendingApproval,
  newStep, panelActions, rowsToCondition, stateTagType, stepErrors,
} from './approvals';

const instance = (over: Partial<ApprovalInstance> = {}): ApprovalInstance => ({
  id: 1, entity: 'customers', recordId: 5, recordTitle: '北京网联', flowId: 1, flowName: '客户审核', flowVersion: 1,
  state: 'pending', currentStep: 0, submitter: { id: 2, name: '张伟' }, submittedAt: '2026-01-01T00:00:00Z', comment: null,
  finishedAt: null, steps: [], canDecide: false, canWithdraw: false, ...over,
});

describe('approval state', () => {
  it('reads approvalState, treating anything else as draft', () => {
    expect(approvalStateOf({ approvalState: 'pending' })).toBe('pending');
    expect(approvalStateOf({ approvalState: 'withdrawn' })).toBe('withdrawn');
    expect(approvalStateOf({ approvalState: 'bogus' })).toBe('draft');
    expect(approvalStateOf(null)).toBe('draft');
    expect(isPendingApproval({ approvalState: 'pending' })).toBe(true);
    expect(isPendingApproval({ approvalState: 'approved' })).toBe(false);
  });
  it('knows which entities have approvals', () => {
    const with_ = { fields: [{ name: 'approvalState', type: 'enum' }] } as unknown as EntityMeta;
    const without = { fields: [{ name: 'reviewState', type: 'enum' }] } as unknown as EntityMeta;
    expect(hasApprovals(with_)).toBe(true);
    expect(hasApprovals(without)).toBe(false);
    expect(hasApprovals(undefined)).toBe(false);
  });
  it('colours states', () => {
    expect(stateTagType('pending')).toBe('warning');
    expect(stateTagType('approved')).toBe('success');
    expect(stateTagType('rejected')).toBe('danger');
    expect(stateTagType('withdrawn')).toBe('info');
  });
});

describe('panel actions', () => {
  it('offers submit to editors of records not pending', () => {
    expect(panelActions('draft', null, true)).toEqual(['submit']);
    expect(panelActions('rejected', instance({ state: 'rejected' }), true)).toEqual(['submit']);
    expect(panelActions('approved', null, false)).toEqual([]);
  });
  it('offers decisions to current approvers and withdraw to the submitter', () => {
    expect(panelActions('pending', instance({ canDecide: true }), true)).toEqual(['approve', 'reject']);
    expect(panelActions('pending', instance({ canWithdraw: true }), true)).toEqual(['withdraw']);
    expect(panelActions('pending', instance(), true)).toEqual([]);
    expect(panelActions('pending', instance({ state: 'approved', canDecide: true }), true)).toEqual([]);
  });
});

describe('condition rows', () => {
  it('round-trip through the stored list-filter object', () => {
    const rows = [
      { field: 'category', op: 'eq' as const, value: 'agent' },
      { field: 'importance', op: 'in' as const, value: ['a', 'b'] },
      { field: 'name', op: 'contains' as const, value: ' 网联 ' },
      { field: 'email', op: 'isNull' as const, value: 'true' },
      { field: 'phone', op: 'eq' as const, value: '' },
      { field: 'region', op: 'in' as const, value: [] },
    ];
    const condition = rowsToCondition(rows);
    expect(condition).toEqual({ category: 'agent', 'importance[in]': 'a,b', 'name[contains]': '网联', 'email[isNull]': 'true' });
    expect(conditionToRows(condition)).toEqual([
      { field: 'category', op: 'eq', value: 'agent' },
      { field: 'importance', op: 'in', value: ['a', 'b'] },
      { field: 'name', op: 'contains', value: '网联' },
      { field: 'email', op: 'isNull', value: 'true' },
    ]);
    expect(conditionKey({ field: 'x', op: 'gte', value: '1' })).toBe('x[gte]');
    expect(conditionToRows(null)).toEqual([]);
  });
  it('offers the list operators per field type', () => {
    expect(conditionOperators({ name: 'c', type: 'enum' } as never)).toEqual(['eq', 'in', 'ne']);
    expect(conditionOperators({ name: 'n', type: 'text' } as never)).toContain('contains');
    expect(conditionOperators({ name: 'd', type: 'date' } as never)).toContain('gte');
  });
});

describe('steps', () => {
  it('builds fresh steps per approver type and drops blank names', () => {
    expect(newStep('manager_chain').approver).toEqual({ type: 'manager_chain', levels: 2 });
    expect(newStep('role').approver).toEqual({ type: 'role', role: 'supervisor' });
    expect(cleanSteps([{ name: '  ', approver: { type: 'manager' }, mode: 'any' }, { name: ' 总监 ', approver: { type: 'manager' }, mode: 'all' }]))
      .toEqual([{ approver: { type: 'manager' }, mode: 'any' }, { name: '总监', approver: { type: 'manager' }, mode: 'all' }]);
  });
  it('groups server field errors by step', () => {
    const byStep = stepErrors({ 'steps[1].approver.role': 'unknown_role', name: 'required', 'steps[1].mode': 'bad_value' });
    expect(byStep.get(1)).toEqual(['unknown_role', 'bad_value']);
    expect(byStep.get(-1)).toEqual(['required']);
  });
});

describe('approvals messages', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
  it('have the same keys in every language', () => {
    expect(keys(zhTW)).toEqual(keys(zhCN));
    expect(keys(en)).toEqual(keys(zhCN));
  });
});
