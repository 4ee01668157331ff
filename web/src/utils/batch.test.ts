import { describe, expect, it } from 'vitest';
import { percent, runBatch, summarizeFailures } from './batch';
import { subordinateIds } from './org';

describe('runBatch', () => {
  it('runs every task, reports progress and collects failures in selection order', async () => {
    const progress: string[] = [];
    let running = 0;
    let peak = 0;
    const result = await runBatch(
      [5, 4, 3, 2, 1],
      async (id) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, id * 2));
        running -= 1;
        if (id % 2) throw new Error(`no ${id}`);
      },
      (done, total) => progress.push(`${done}/${total}`),
      2,
    );
    expect(peak).toBe(2);
    expect(progress).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(result.succeeded).toEqual([4, 2]);
    expect(result.failed.map((x) => x.id)).toEqual([5, 3, 1]);
    expect(result.total).toBe(5);
  });

  it('handles an empty selection', async () => {
    expect(await runBatch([], async () => undefined)).toEqual({ total: 0, succeeded: [], failed: [] });
    expect(percent(0, 0)).toBe(100);
    expect(percent(1, 3)).toBe(33);
  });
});

describe('summarizeFailures', () => {
  it('groups records by error message', () => {
    const failed = [
      { id: 1, error: new Error('无权操作') },
      { id: 2, error: new Error('记录已删除') },
      { id: 3, error: new Error('无权操作') },
    ];
    const lines = summarizeFailures(failed, (id) => `客户${id}`, (e) => (e as Error).message);
    expect(lines).toEqual([
      { message: '无权操作', title: '客户1、客户3' },
      { message: '记录已删除', title: '客户2' },
    ]);
  });
});

describe('subordinateIds', () => {
  it('follows the managerId chain down, and survives cycles', () => {
    const users = [
      { id: 1, managerId: null },
      { id: 2, managerId: 1 },
      { id: 3, managerId: 2 },
      { id: 4, managerId: 3 },
      { id: 5, managerId: null },
      { id: 6, managerId: 7 },
      { id: 7, managerId: 6 },
    ];
    expect(subordinateIds(users, 1)).toEqual([2, 3, 4]);
    expect(subordinateIds(users, 3)).toEqual([4]);
    expect(subordinateIds(users, 5)).toEqual([]);
    expect(subordinateIds(users, 6)).toEqual([7]);
  });
});
