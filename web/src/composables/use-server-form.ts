import { ref } from 'vue';
import { ElMessage, type FormInstance } from 'element-plus';
import { useI18n } from 'vue-i18n';
import { errorMessage } from '@/utils/errors';
import { serverFieldErrors } from '@/utils/form-errors';

/**
 * The save flow every admin form shares: clear old server errors, validate on the client, run the
 * request with a loading flag, and show a 422's field errors on their fields (anything else as a
 * message). `adjust` may reword field errors for this form.
 */
export function useServerForm() {
  const { t, te } = useI18n();
  const saving = ref(false);
  const serverErrors = ref<Record<string, string>>({});

  async function save(
    form: FormInstance | undefined,
    action: () => Promise<void>,
    labels: Record<string, string>,
    adjust?: (fields: Record<string, string>, error: unknown) => void,
  ): Promise<void> {
    serverErrors.value = {};
    if (!(await form?.validate().catch(() => false))) return;
    saving.value = true;
    try {
      await action();
    } catch (e) {
      const fields = serverFieldErrors(e, labels, t, te);
      if (fields) {
        adjust?.(fields, e);
        serverErrors.value = fields;
      } else {
        ElMessage.error(errorMessage(e, t));
      }
    } finally {
      saving.value = false;
    }
  }

  return { saving, serverErrors, save };
}
