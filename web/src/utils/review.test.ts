import { describe, expect, it } from 'vitest';
import { isLockedForReview, isReviewer, reviewActions, reviewStateOf, reviewTagType } from './review';

describe('review', () => {
  it('knows the reviewer roles', () => {
    expect(isReviewer(['sales_rep'])).toBe(false);
    expect(isReviewer(['sales_rep', 'supervisor'])).toBe(true);
    expect(isReviewer(['executive'])).toBe(true);
    expect(isReviewer(['admin'])).toBe(true);
    expect(isReviewer(undefined)).toBe(false);
  });

  it('reads the state, defaulting to draft', () => {
    expect(reviewStateOf({ reviewState: 'pending' })).toBe('pending');
    expect(reviewStateOf({ reviewState: null })).toBe('draft');
    expect(reviewStateOf({ reviewState: 'bogus' })).toBe('draft');
    expect(reviewStateOf(null)).toBe('draft');
    expect(isLockedForReview({ reviewState: 'pending' })).toBe(true);
    expect(isLockedForReview({ reviewState: 'rejected' })).toBe(false);
  });

  it('offers submit from draft and rejected to editors only', () => {
    expect(reviewActions('draft', true, false)).toEqual(['submit']);
    expect(reviewActions('rejected', true, true)).toEqual(['submit']);
    expect(reviewActions('draft', false, true)).toEqual([]);
    expect(reviewActions('approved', true, true)).toEqual([]);
  });

  it('offers verdicts on pending records to reviewers, withdraw to editors', () => {
    expect(reviewActions('pending', true, false)).toEqual(['withdraw']);
    expect(reviewActions('pending', true, true)).toEqual(['approve', 'reject', 'withdraw']);
    expect(reviewActions('pending', false, true)).toEqual([]);
  });

  it('colours the tag by state', () => {
    expect(reviewTagType('approved')).toBe('success');
    expect(reviewTagType('rejected')).toBe('danger');
    expect(reviewTagType('pending')).toBe('warning');
    expect(reviewTagType('draft')).toBe('info');
  });
});
