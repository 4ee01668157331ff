// 客户审核: which review buttons a user sees, from the record's state and who the user is.
import type { ReviewAction, ReviewState } from '@/api/types';

/** The server lets administrators, 决策层 and 主管 approve and reject (modules/customers/review.cc). */
export const REVIEWER_ROLES = ['admin', 'executive', 'supervisor'];

export function isReviewer(roles: readonly string[] | undefined): boolean {
  return (roles ?? []).some((r) => REVIEWER_ROLES.includes(r));
}

/** A record without the field counts as 未提交, as the server treats it. */
export function reviewStateOf(record: Record<string, unknown> | null | undefined): ReviewState {
  const v = record?.reviewState;
  return v === 'pending' || v === 'approved' || v === 'rejected' ? v : 'draft';
}

/**
 * Actions in button order: 提交审核 from draft or rejected (needs edit), 撤回 while pending (needs
 * edit), 审核通过 / 驳回 while pending (reviewers only; the server also wants edit scope).
 */
export function reviewActions(state: ReviewState, canEdit: boolean, reviewer: boolean): ReviewAction[] {
  const out: ReviewAction[] = [];
  if ((state === 'draft' || state === 'rejected') && canEdit) out.push('submit');
  if (state === 'pending') {
    if (reviewer && canEdit) out.push('approve', 'reject');
    if (canEdit) out.push('withdraw');
  }
  return out;
}

/** The tag colour of a state (Element Plus tag types). */
export function reviewTagType(state: ReviewState): 'info' | 'warning' | 'success' | 'danger' {
  return ({ draft: 'info', pending: 'warning', approved: 'success', rejected: 'danger' } as const)[state];
}

/** Records under review keep the data as submitted: the server answers edits with 409 pending_review. */
export function isLockedForReview(record: Record<string, unknown> | null | undefined): boolean {
  return reviewStateOf(record) === 'pending';
}
