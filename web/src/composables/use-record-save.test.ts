import { describe, expect, it } from 'vitest';
import { parseApiError } from '@/api/client';
import { warningCandidates } from './use-record-save';

describe('confirmation_required answers', () => {
  it('carry field warnings and the duplicate candidates', () => {
    const body = JSON.stringify({
      error: { code: 'confirmation_required', message: '请确认', fields: { name: 'duplicate', creditCode: 'checksum_mismatch' } },
      candidates: [
        { title: '北京网联科技有限公司', ownerId: 1, ownerName: '系统管理员', matchedOn: ['name', 'phone'], id: 1 },
        { title: '别人的客户', ownerId: 2, ownerName: '王五', matchedOn: ['phone'] },
        { nonsense: true },
      ],
    });
    const e = parseApiError(422, body);
    expect(e.code).toBe('confirmation_required');
    expect(e.fields).toEqual({ name: 'duplicate', creditCode: 'checksum_mismatch' });
    const c = warningCandidates(e);
    expect(c.map((x) => [x.title, x.id])).toEqual([['北京网联科技有限公司', 1], ['别人的客户', undefined]]);
  });
  it('without candidates give an empty list', () => {
    expect(warningCandidates(parseApiError(422, '{"error":{"code":"confirmation_required","fields":{"creditCode":"checksum_mismatch"}}}'))).toEqual([]);
  });
});
