import { ref } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { ApiError } from '@/api/client';
import { createRecord, updateRecord } from '@/api/records';
import type { EntityMeta, RecordData } from '@/api/types';
import { errorMessage } from '@/utils/errors';
import { fieldErrorText } from '@/utils/field-error';
import { useLabels } from './use-labels';

export interface SaveRequest {
  entity: EntityMeta;
  id?: number | string;
  version?: number;
  /** Create: all values; update: only the changed fields. */
  values: Record<string, unknown>;
  /** Called when the user chooses to reload after a version conflict. */
  onReload: (current: RecordData) => void;
}

/**
 * Create/update with the API's conversations: 422 field errors, confirmation_required
 * (ask, then resend with "confirm"), and 409 version conflicts (reload or overwrite).
 */
export function useRecordSave() {
  const { t, te, fieldLabel } = useLabels();
  const saving = ref(false);
  const serverErrors = ref<Record<string, string>>({});

  async function askConfirmation(entity: EntityMeta, fields: Record<string, string>): Promise<boolean> {
    const list = Object.entries(fields)
      .map(([name, code]) => {
        const field = entity.fields.find((f) => f.name === name);
        return `${fieldLabel(name, entity)}: ${fieldErrorText(code, field, fieldLabel(name, entity), t, te)}`;
      })
      .join(t('common.listSeparator'));
    return ElMessageBox.confirm(t('form.confirmMessage', { fields: list }), t('form.confirmTitle'), {
      type: 'warning',
      confirmButtonText: t('form.confirmContinue'),
      cancelButtonText: t('common.cancel'),
    }).then(() => true, () => false);
  }

  async function askConflict(): Promise<'overwrite' | 'reload' | 'none'> {
    return ElMessageBox.confirm(t('form.conflictMessage'), t('form.conflictTitle'), {
      type: 'warning',
      distinguishCancelAndClose: true,
      confirmButtonText: t('form.overwrite'),
      cancelButtonText: t('form.reload'),
    }).then(
      () => 'overwrite' as const,
      (action: string) => (action === 'cancel' ? ('reload' as const) : ('none' as const)),
    );
  }

  async function send(req: SaveRequest, version: number | undefined, confirm: string[]): Promise<RecordData> {
    const body: Record<string, unknown> = { ...req.values };
    if (confirm.length) body.confirm = confirm;
    if (req.id === undefined) return createRecord(req.entity.name, body);
    return updateRecord(req.entity.name, req.id, { version, ...body });
  }

  /** Resolves to the saved record, or null when not saved (errors already shown). */
  async function save(req: SaveRequest): Promise<RecordData | null> {
    saving.value = true;
    serverErrors.value = {};
    let version = req.version;
    let confirm: string[] = [];
    try {
      for (;;) {
        try {
          return await send(req, version, confirm);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          if (e.status === 422 && e.code === 'confirmation_required') {
            if (!(await askConfirmation(req.entity, e.fields))) return null;
            confirm = [...new Set([...confirm, ...Object.keys(e.fields)])];
            continue;
          }
          if (e.status === 422) {
            serverErrors.value = e.fields;
            ElMessage.error(Object.keys(e.fields).length ? t('form.fixErrors') : errorMessage(e, t));
            return null;
          }
          if (e.status === 409 && e.code === 'version_conflict') {
            const current = e.body?.current as RecordData | undefined;
            const choice = current ? await askConflict() : 'none';
            if (choice === 'overwrite' && current) {
              version = current.version;
              continue;
            }
            if (choice === 'reload' && current) req.onReload(current);
            if (!current) ElMessage.error(errorMessage(e, t));
            return null;
          }
          throw e;
        }
      }
    } catch (e) {
      ElMessage.error(errorMessage(e, t));
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { saving, serverErrors, save };
}
