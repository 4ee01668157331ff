// The metadata's field sections (基本信息, 联系方式 …) resolved to field metadata.
import type { EntityMeta, FieldMeta, Labels } from '@/api/types';

export interface FieldGroup {
  name: string;
  /** Null for the closing group of fields no section names (shown as 其他). */
  labels: Labels | null;
  fields: FieldMeta[];
}

/**
 * Groups `fields` (already filtered for the use: editable for forms, readable for the detail page)
 * by the entity's sections, in section order. Fields in no section go in a last group with null
 * labels; empty groups are left out. An entity without sections gives one such group.
 */
export function groupFields(entity: EntityMeta, fields: FieldMeta[]): FieldGroup[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const placed = new Set<string>();
  const groups: FieldGroup[] = [];
  for (const section of entity.sections ?? []) {
    const inSection = section.fields
      .map((n) => byName.get(n))
      .filter((f): f is FieldMeta => !!f && !placed.has(f.name));
    inSection.forEach((f) => placed.add(f.name));
    if (inSection.length) groups.push({ name: section.name, labels: section.labels, fields: inSection });
  }
  const rest = fields.filter((f) => !placed.has(f.name));
  if (rest.length) groups.push({ name: '_other', labels: null, fields: rest });
  return groups;
}
