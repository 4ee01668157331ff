import { ref } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { ApiError } from '@/api/client';
import { createRecord, updateRecord } from '@/api/records';
import type { DuplicateCandidate, EntityMeta, RecordData } from '@/api/types';
import type { PendingWarning } from '@/components/records/confirm-warnings-dialog.vue';
import { errorMessage } from '@/utils/errors';
import { useLabels } from './use-labels';

/** The duplicates a confirmation_required answer lists beside its warnings. */
export function warningCandidates(error: ApiError): DuplicateCandidate[] {
  const list = error.body?.candidates;
  return Array.isArray(list) ? (list as DuplicateCandidate[]).filter((c) => c && typeof c.title === 'string') : [];
}

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
 * (ask in the warnings dialog, then resend the same body with "confirm"), and 409 version
 * conflicts (reload or overwrite). The page renders <confirm-warnings-dialog> with `warning`
 * and passes its answer to `answerWarning`.
 */
export function useRecordSave() {
  const { t } = useLabels();
  const saving = ref(false);
  const serverErrors = ref<Record<string, string>>({});
  const warning = ref<PendingWarning | null>(null);
  let resolveWarning: ((ok: boolean) => void) | null = null;

  function askConfirmation(entity: EntityMeta, error: ApiError): Promise<boolean> {
    resolveWarning?.(false);
    return new Promise((resolve) => {
      warning.value = { entity, fields: error.fields, candidates: warningCandidates(error) };
      resolveWarning = resolve;
    });
  }

  function answerWarning(confirmed: boolean): void {
    warning.value = null;
    const resolve = resolveWarning;
    resolveWarning = null;
    resolve?.(confirmed);
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
            if (!(await askConfirmation(req.entity, e))) return null;
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

  return { saving, serverErrors, warning, answerWarning, save };
}
