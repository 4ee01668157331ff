// Shapes of the Kehu HTTP API (see shared/API.md). Kept by hand until the
// server publishes openapi.json for openapi-typescript.

export type LocaleCode = 'zh-CN' | 'zh-TW' | 'en';
export type Labels = Partial<Record<LocaleCode, string>>;

export type FieldType =
  | 'text' | 'longtext' | 'integer' | 'decimal' | 'money' | 'date' | 'datetime' | 'boolean'
  | 'enum' | 'multienum' | 'email' | 'phone' | 'url' | 'relation' | 'user' | 'file' | 'region';

export type EntityAction = 'create' | 'read' | 'edit' | 'delete' | 'export' | 'print' | 'import' | 'assign' | 'brief';

export interface FieldOption {
  value: string;
  labels: Labels;
}

export interface FieldMeta {
  name: string;
  type: FieldType;
  labels: Labels;
  required?: boolean;
  unique?: boolean;
  readOnly?: boolean;
  options?: FieldOption[];
  target?: string;
  maxLength?: number;
  readable?: boolean;
  editable?: boolean;
}

export interface EntityMeta {
  name: string;
  labels: Labels;
  owned: boolean;
  searchable: boolean;
  titleField: string;
  listColumns: string[];
  actions: EntityAction[];
  fields: FieldMeta[];
}

export interface MetaResponse {
  entities: EntityMeta[];
}

export interface Money {
  amount: string;
  currency: string;
}

/** A region value: the 6-digit GB/T 2260 code of the most specific level chosen, and its names. */
export interface Region {
  code: string;
  names?: string[];
}

export interface RecordData {
  id: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdById?: number | null;
  updatedById?: number | null;
  ownerId?: number | null;
  deletedAt?: string | null;
  deletedById?: number | null;
  _display?: Record<string, string>;
  [field: string]: unknown;
}

export interface ListResponse<T = RecordData> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  locale?: string;
  timeZone?: string;
}

/** Data scope of a grant, narrowest to widest (本人 … 全部). */
export type DataScope = 'none' | 'own' | 'own_and_reports' | 'department' | 'department_tree' | 'all';
export type Permissions = Record<string, Partial<Record<EntityAction, DataScope>>>;

export interface LoginResponse {
  user: User;
  csrfToken: string;
}

export interface MeResponse {
  user: User;
  permissions: Permissions;
  csrfToken: string;
}

export interface SearchResult {
  entity: string;
  id: number;
  title: string;
  subtitle?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  userName: string;
  action: string;
  /** {field: {from, to}}; a create has only `to`. */
  changes?: Record<string, { from?: unknown; to?: unknown }>;
  /** Labels of relation/user ids in `changes`, when the server sends them: {field: {from, to}}. */
  _display?: Record<string, { from?: string; to?: string }>;
}

/** A 场景 (saved list view) of the caller. `query` is a list query string without paging. */
export interface SavedView {
  id: number;
  entity: string;
  name: string;
  query: string;
  columns: string[] | null;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One list column as the user arranged it (order is the array order). */
export interface ColumnSetting {
  name: string;
  visible: boolean;
  width?: number;
}

export interface FileInfo {
  id: number;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  recordEntity: string;
  recordId: number;
  createdAt: string;
  createdById: number | null;
  _display?: Record<string, string>;
}

/**
 * The actions a role grants; a superset of what /meta lists per entity. "brief" lists records beyond
 * the read scope with only their brief fields (a rep's overview of colleagues' customers).
 */
export type GrantAction = 'create' | 'read' | 'edit' | 'delete' | 'export' | 'print' | 'import' | 'assign' | 'brief';
/** entity name or "*" (every entity without its own entry) → action → scope. */
export type Grants = Record<string, Partial<Record<GrantAction, DataScope>>>;

export interface Department {
  id: number;
  name: string;
  parentId: number | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A user as the administration endpoints return it (richer than the session's User). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  mobile: string | null;
  departmentId: number | null;
  managerId: number | null;
  roles: string[];
  active: boolean;
  timeZone: string;
  locale: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  id: number;
  code: string;
  name: string;
  builtin: boolean;
  version: number;
  grants: Grants;
  /** Field rules (entity → field → rule); this UI does not edit them and PATCH leaves them alone. */
  fields?: Record<string, Record<string, string>>;
}

/** A row of the system-wide audit log; `changes` is {field: {from, to}} for updates, plain values otherwise. */
export interface AuditLogEntry {
  id: number;
  at: string;
  userId: number | null;
  userName: string;
  entity: string;
  recordId: number | null;
  action: string;
  changes?: Record<string, unknown>;
  remoteAddress?: string;
}
