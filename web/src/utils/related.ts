// Related lists of a record, discovered from metadata: every readable relation field of any entity
// that targets this one. New modules plug in by declaring such a field.
import type { EntityMeta, Labels } from '@/api/types';

export interface RelatedTab {
  /** `related:<entity>` when the entity points here once, `related:<entity>:<field>` otherwise. */
  key: string;
  entity: EntityMeta;
  via: string;
  /** The metadata's name for the records pointing back (下级公司 for parentCompanyId). */
  inverseLabels?: Labels;
  /** True when the entity label alone would not tell two tabs apart. */
  ambiguous: boolean;
}

export function relatedTabs(entities: EntityMeta[], target: string): RelatedTab[] {
  return entities.flatMap((other) => {
    const via = other.fields.filter((f) => f.type === 'relation' && f.target === target && f.readable !== false);
    const ambiguous = via.length > 1 || other.name === target;
    return via.map((f) => ({
      key: via.length > 1 ? `related:${other.name}:${f.name}` : `related:${other.name}`,
      entity: other,
      via: f.name,
      inverseLabels: f.inverseLabels,
      ambiguous,
    }));
  });
}
