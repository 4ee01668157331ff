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
  /** false for a retired option: still labels old records, not offered for new input. */
  active?: boolean;
}

export interface FieldMeta {
  name: string;
  type: FieldType;
  labels: Labels;
  required?: boolean;
  unique?: boolean;
  readOnly?: boolean;
  options?: FieldOption[];
  /** Admins edit this field's options at run time (系统管理 → 选项列表). */
  editableOptions?: boolean;
  target?: string;
  maxLength?: number;
  readable?: boolean;
  /** The caller sees this field masked (e.g. 138****8000); the value is not the real one. */
  masked?: boolean;
  editable?: boolean;
  /** A text format the client checks too: postal code (6 digits) or 统一社会信用代码. */
  format?: 'postalCode' | 'creditCode' | string;
  /**
   * For a relation: the name of the records pointing back, e.g. parentCompanyId → 下级公司. When the
   * metadata leaves it out, the detail page names the related tab after the entity and this field.
   */
  inverseLabels?: Labels;
}

/** A titled group of fields for forms and the detail page. */
export interface EntitySection {
  name: string;
  labels: Labels;
  fields: string[];
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
  sections?: EntitySection[];
  /** Fields the server's 查重 compares; non-empty means /{entity}/duplicates answers. */
  duplicateCheck?: string[];
  /** Fields the filter bar offers first (when the metadata names them). */
  quickFilters?: string[];
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

/** A possible duplicate as 查重 and confirmation_required report it: no other fields of the record. */
export interface DuplicateCandidate {
  title: string;
  ownerId: number | null;
  ownerName: string;
  matchedOn: string[];
  /** Present only when the caller may open the record. */
  id?: number;
  /** Entity of the candidate when the server searched beyond the asked one (leads, pools). */
  entity?: string;
  poolName?: string;
}

export type ImportMode = 'create' | 'upsert';
export type ImportState = 'done' | 'failed' | 'running';

export interface ImportRowError {
  row: number;
  message: string;
  fields?: Record<string, string>;
}

/** header → field name, or null to ignore the column. */
export type ImportMapping = Record<string, string | null>;

export interface ImportJob {
  id: number | string;
  entity: string;
  state: ImportState;
  dryRun: boolean;
  mode: ImportMode;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  /** All rejected rows; `errors` may list only the first ones. */
  errorCount?: number;
  errors: ImportRowError[];
  columns: { header: string; field: string | null }[];
}

/** A sheet of labels (CHINA.md: A4 grids such as 3×8 of 70×37 mm). */
export interface LabelLayout {
  name: string;
  cols: number;
  rows: number;
  labelWidthMm: number;
  labelHeightMm: number;
  [extra: string]: unknown;
}

/** POST /{entity}/{id}/merge: the survivor and how many records of each kind moved to it. */
export interface MergeResult {
  record: RecordData;
  /** Related entity name (contacts, customers …) or "files" → count; absent kinds moved nothing. */
  moved: Record<string, number>;
}

export type NumberingReset = 'never' | 'yearly' | 'monthly' | 'daily';

/** GET/PUT /numbering/{entity}: the rule in force and the number the next record would get. */
export interface NumberingRule {
  entity: string;
  field: string;
  pattern: string;
  reset: NumberingReset;
  next: string;
}
