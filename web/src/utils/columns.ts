// The user's column choice per entity, kept in localStorage for now.
const key = (entity: string) => `kehu.columns.${entity}`;

export function loadColumns(entity: string, fallback: string[]): string[] {
  try {
    const raw = localStorage.getItem(key(entity));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed) && parsed.every((c) => typeof c === 'string') && parsed.length) return parsed;
  } catch {
    // Corrupt or blocked storage: use the defaults.
  }
  return [...fallback];
}

export function saveColumns(entity: string, columns: string[] | null): void {
  try {
    if (columns) localStorage.setItem(key(entity), JSON.stringify(columns));
    else localStorage.removeItem(key(entity));
  } catch {
    // Not persisted; the choice still applies to this page.
  }
}
