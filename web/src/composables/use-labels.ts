import { useI18n } from 'vue-i18n';
import type { EntityMeta, FieldMeta, RecordData } from '@/api/types';
import { useMetaStore } from '@/stores/meta';
import { useSessionStore } from '@/stores/session';
import { pickLabel } from '@/utils/labels';
import { formatValue } from '@/utils/format';
import { SYSTEM_FIELDS } from '@/utils/fields';

/** Labels of entities and fields in the current language, and value formatting. */
export function useLabels() {
  const { t, te, locale } = useI18n();
  const meta = useMetaStore();
  const session = useSessionStore();

  function entityLabel(name: string): string {
    return pickLabel(meta.entity(name)?.labels, locale.value, name);
  }

  function fieldLabel(field: FieldMeta | string, entity?: EntityMeta): string {
    const name = typeof field === 'string' ? field : field.name;
    const meta = typeof field === 'string' ? entity?.fields.find((f) => f.name === name) : field;
    const fromMeta = pickLabel(meta?.labels, locale.value);
    if (fromMeta) return fromMeta;
    if (name in SYSTEM_FIELDS && te(`system.${name}`)) return t(`system.${name}`);
    return name;
  }

  function display(field: FieldMeta, record: RecordData | null): string {
    return formatValue(field, record?.[field.name], record, {
      locale: locale.value,
      timeZone: session.timeZone,
      yes: t('common.yes'),
      no: t('common.no'),
      separator: t('common.listSeparator'),
    });
  }

  function recordTitle(entity: EntityMeta | undefined, record: RecordData | null): string {
    if (!record) return '';
    const value = entity ? record[entity.titleField] : undefined;
    return value !== undefined && value !== null && value !== '' ? String(value) : `#${record.id}`;
  }

  return { t, te, locale, entityLabel, fieldLabel, display, recordTitle };
}
