import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/api/types';
import { auditFieldChanges, mergedFromTitle, mergedIntoId } from './audit';

const entry = (action: string, changes: Record<string, unknown>): AuditEntry =>
  ({ id: 1, at: '', userId: 1, userName: 'a', action, changes } as AuditEntry);

describe('audit entries', () => {
  it('keeps real field changes only', () => {
    const item = entry('review_submit', {
      reviewState: { from: 'draft', to: 'pending' },
      reviewComment: { from: null, to: null },
      name: { to: '甲' },
    });
    expect(auditFieldChanges(item).map(([k]) => k)).toEqual(['reviewState', 'name']);
  });

  it('reads a merge: the title merged in, not a field row', () => {
    const item = entry('merge', { shortName: { from: null, to: '乙' }, mergedFrom: { id: 2, title: '乙公司', moved: { contacts: 1 } } });
    expect(mergedFromTitle(item)).toBe('乙公司');
    expect(auditFieldChanges(item).map(([k]) => k)).toEqual(['shortName']);
    expect(mergedFromTitle(entry('merge', { mergedFrom: { id: 7 } }))).toBe('#7');
    expect(mergedFromTitle(entry('update', { mergedFrom: { from: 1, to: 2 } }))).toBe('');
  });

  it('reads merged_into and keeps a field called title on other entries', () => {
    const gone = entry('merged_into', { into: 5, title: '乙公司' });
    expect(mergedIntoId(gone)).toBe(5);
    expect(auditFieldChanges(gone)).toEqual([]);
    expect(mergedIntoId(entry('update', { into: 5 }))).toBeNull();
    expect(auditFieldChanges(entry('update', { title: { from: 'a', to: 'b' } })).map(([k]) => k)).toEqual(['title']);
  });
});
