// Field lookup for an entity, including the system columns every record carries.
import type { EntityMeta, FieldMeta, FieldType } from '@/api/types';

/** System columns; their labels come from i18n `system.<name>`. */
export const SYSTEM_FIELDS: Record<string, FieldType> = {
  id: 'integer',
  ownerId: 'user',
  createdAt: 'datetime',
  updatedAt: 'datetime',
  createdById: 'user',
  updatedById: 'user',
  deletedAt: 'datetime',
  deletedById: 'user',
};

export function isSystemField(name: string): boolean {
  return name in SYSTEM_FIELDS || name === 'version';
}

/** The metadata of `name`, or a synthetic read-only one for system columns. */
export function resolveField(entity: EntityMeta, name: string): FieldMeta | null {
  const found = entity.fields.find((f) => f.name === name);
  if (found) return found;
  const type = SYSTEM_FIELDS[name];
  if (!type) return null;
  return { name, type, labels: {}, readOnly: true, editable: false, target: type === 'user' ? 'users' : undefined };
}

export function isReadable(field: FieldMeta): boolean {
  return field.readable !== false && field.type !== 'file';
}

export function isEditable(field: FieldMeta): boolean {
  return field.editable !== false && !field.readOnly && !isSystemField(field.name) && field.type !== 'file';
}

/** Field types that the filter bar offers a widget for. */
export function isFilterable(field: FieldMeta): boolean {
  return isReadable(field) && field.type !== 'longtext' && field.type !== 'file';
}
