import { createRouter, createWebHistory, type Router } from 'vue-router';
import { ElMessage } from 'element-plus';
import { setUnauthorizedHandler } from '@/api/client';
import { i18n } from '@/locales';
import { useMetaStore } from '@/stores/meta';
import { useSessionStore } from '@/stores/session';
import { routes } from './routes';

export function setupRouter(): Router {
  const router = createRouter({ history: createWebHistory(), routes });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.checked) await session.refresh();
    if (to.meta.public) {
      return to.name === 'login' && session.isLoggedIn ? { name: 'home' } : true;
    }
    if (!session.isLoggedIn) {
      return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
    }
    const meta = useMetaStore();
    if (!meta.loaded) {
      // A failed /meta leaves an empty menu; the pages show their own errors.
      await meta.load().catch(() => undefined);
    }
    if (to.meta.requiresAdmin && !session.isAdmin) return { name: 'home' };
    if (to.meta.requiresAuditor && !session.canAudit) return { name: 'home' };
    return true;
  });

  let redirecting = false;
  setUnauthorizedHandler(() => {
    const session = useSessionStore();
    const current = router.currentRoute.value;
    session.clear();
    useMetaStore().reset();
    if (redirecting || current.meta.public) return;
    redirecting = true;
    ElMessage.warning(i18n.global.t('errors.sessionExpired'));
    void router
      .replace({ name: 'login', query: { redirect: current.fullPath } })
      .finally(() => {
        redirecting = false;
      });
  });

  return router;
}
