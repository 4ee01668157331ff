// Runs one request per selected record with a small concurrency and collects what failed.

export interface BatchFailure<K> {
  id: K;
  error: unknown;
}

export interface BatchResult<K> {
  total: number;
  succeeded: K[];
  failed: BatchFailure<K>[];
}

/**
 * Calls `task` for every id, at most `concurrency` at a time, reporting (done, total) after each.
 * Never throws: a failed task is recorded with its error.
 */
export async function runBatch<K>(
  ids: readonly K[],
  task: (id: K) => Promise<unknown>,
  onProgress?: (done: number, total: number) => void,
  concurrency = 3,
): Promise<BatchResult<K>> {
  const succeeded: K[] = [];
  const failed: BatchFailure<K>[] = [];
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < ids.length) {
      const id = ids[next++];
      try {
        await task(id);
        succeeded.push(id);
      } catch (error) {
        failed.push({ id, error });
      }
      done += 1;
      onProgress?.(done, ids.length);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, worker));
  // Report in the order the user selected, whatever finished first.
  const order = new Map(ids.map((id, i) => [id, i]));
  succeeded.sort((a, b) => order.get(a)! - order.get(b)!);
  failed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { total: ids.length, succeeded, failed };
}

export interface FailureLine {
  title: string;
  message: string;
}

/**
 * Failures grouped by message ("无权转移：客户A、客户B"), so fifty identical refusals read as one
 * line. `title` names a record; `message` explains an error.
 */
export function summarizeFailures<K>(
  failed: BatchFailure<K>[],
  title: (id: K) => string,
  message: (error: unknown) => string,
  separator = '、',
): FailureLine[] {
  const groups = new Map<string, string[]>();
  for (const f of failed) {
    const m = message(f.error);
    const list = groups.get(m) ?? [];
    list.push(title(f.id));
    groups.set(m, list);
  }
  return [...groups].map(([m, titles]) => ({ message: m, title: titles.join(separator) }));
}

export function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.round((done / total) * 100);
}
