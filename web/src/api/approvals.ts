import { request } from './client';
import type { RecordData } from './types';

const seg = (s: string | number) => encodeURIComponent(String(s));

/** approvalState of records with approvals (未提交 / 审核中 / 已通过 / 已驳回 / 已撤回). */
export type ApprovalState = 'draft' | 'pending' | 'approved' | 'rejected' | 'withdrawn';
export type InstanceState = 'pending' | 'approved' | 'rejected' | 'withdrawn';
export type StepState = 'waiting' | 'pending' | 'approved' | 'rejected' | 'withdrawn';
export type StepMode = 'any' | 'all';

export type Approver =
  | { type: 'user'; userId: number }
  | { type: 'manager' }
  | { type: 'manager_chain'; levels: number }
  | { type: 'role'; role: string };
export type ApproverType = Approver['type'];

export interface FlowStep {
  name?: string | null;
  approver: Approver;
  mode: StepMode;
}

/** A condition is a list filter: `{"category":"agent","importance[in]":"a,b"}`. */
export type FlowCondition = Record<string, string>;

export interface ApprovalFlow {
  id: number;
  entity: string;
  name: string;
  condition: FlowCondition;
  steps: FlowStep[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FlowInput {
  entity: string;
  name: string;
  condition: FlowCondition;
  steps: FlowStep[];
  active?: boolean;
}

export interface ApproverDecision {
  userId: number;
  name: string | null;
  decision: 'approved' | 'rejected' | null;
  comment: string | null;
  decidedAt: string | null;
}

export interface InstanceStep {
  index: number;
  name: string | null;
  mode: StepMode;
  approver: Approver;
  state: StepState;
  approvers: ApproverDecision[];
}

/** One submission of a record and where it stands. */
export interface ApprovalInstance {
  id: number;
  entity: string;
  recordId: number;
  recordTitle: string;
  flowId: number;
  flowName: string;
  flowVersion: number;
  state: InstanceState;
  currentStep: number;
  submitter: { id: number; name: string | null };
  submittedAt: string;
  comment: string | null;
  finishedAt: string | null;
  steps: InstanceStep[];
  /** The caller is an approver of the current step who has not decided yet. */
  canDecide: boolean;
  /** The caller submitted it (or is an admin) and it is still pending. */
  canWithdraw: boolean;
}

export interface InstancePage {
  items: ApprovalInstance[];
  total: number;
  page: number;
  pageSize: number;
}

export interface InstanceQuery {
  mine?: 'pending' | 'submitted';
  entity?: string;
  recordId?: number;
  page?: number;
  pageSize?: number;
}

// --- flows (admins) ---

export function listFlows(entity?: string): Promise<{ items: ApprovalFlow[] }> {
  return request('/approval-flows', { query: entity ? { entity } : {} });
}

/** 422 with fields such as `steps[0].approver.role` when the definition is invalid; nothing is saved. */
export function createFlow(input: FlowInput): Promise<ApprovalFlow> {
  return request('/approval-flows', { method: 'POST', body: input });
}

/** Saves a new version; records already in flight keep the steps they started with. */
export function updateFlow(id: number, input: Partial<FlowInput> & { version?: number }): Promise<ApprovalFlow> {
  return request(`/approval-flows/${seg(id)}`, { method: 'PATCH', body: input });
}

export function deactivateFlow(id: number): Promise<void> {
  return request(`/approval-flows/${seg(id)}`, { method: 'DELETE' });
}

// --- instances ---

export function listInstances(query: InstanceQuery): Promise<InstancePage> {
  return request('/approvals', { query: { ...query } });
}

export function getInstance(id: number): Promise<ApprovalInstance> {
  return request(`/approvals/${seg(id)}`);
}

/** A reject needs a comment (422 fields.comment "required"). 403 for someone not in the current step. */
export function decide(id: number, verdict: 'approve' | 'reject', comment?: string): Promise<ApprovalInstance> {
  return request(`/approvals/${seg(id)}/${verdict}`, { method: 'POST', body: comment ? { comment } : {} });
}

/** 提交审批: 409 no_approval_flow / no_approver / approval_pending. Answers the record. */
export function submitRecord(entity: string, id: number, comment?: string): Promise<RecordData> {
  return request(`/${seg(entity)}/${seg(id)}/submit`, { method: 'POST', body: comment ? { comment } : {} });
}

/** 撤回 by the submitter (or an admin). Answers the record. */
export function withdrawRecord(entity: string, id: number): Promise<RecordData> {
  return request(`/${seg(entity)}/${seg(id)}/withdraw`, { method: 'POST', body: {} });
}
