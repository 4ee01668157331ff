// Reporting lines from the user directory (managerId).

export interface ManagedUser {
  id: number;
  managerId: number | null;
}

/** Ids of everyone whose managerId chain leads to `me` (direct and indirect reports), not `me`. */
export function subordinateIds(users: readonly ManagedUser[], me: number): number[] {
  const reports = new Map<number, number[]>();
  for (const u of users) {
    if (u.managerId === null || u.managerId === undefined) continue;
    const list = reports.get(u.managerId) ?? [];
    list.push(u.id);
    reports.set(u.managerId, list);
  }
  const out: number[] = [];
  const seen = new Set<number>([me]);
  const queue = [me];
  while (queue.length) {
    for (const id of reports.get(queue.shift()!) ?? []) {
      if (seen.has(id)) continue; // a cycle in bad data must not loop forever
      seen.add(id);
      out.push(id);
      queue.push(id);
    }
  }
  return out.sort((a, b) => a - b);
}
