// Helpers the e2e step files share: screenshots without toasts, API calls with the browser's
// session, and switching users through the UI.
import path from 'node:path';

/** `ctx` is run.mjs's shared context (ctx.page, ctx.base); `fail` throws a step error. */
export function pageHelpers(ctx, { SHOTS, fail }) {
  const page = () => ctx.page;

  /** A screenshot of the page without the toasts of earlier actions covering its header. */
  async function shot(name, options = {}) {
    await page().evaluate(() => document.querySelectorAll('.el-message').forEach((m) => m.remove()));
    await page().waitForTimeout(250);
    await page().screenshot({ path: path.join(SHOTS, name), ...options });
  }

  /**
   * An API call as the logged-in user (page.request shares the session cookie). The CSRF token is
   * asked for each time, as steps switch users. A warning the user may override
   * (confirmation_required) is confirmed. Fails the step on any other error.
   */
  async function api(method, p, data) {
    const csrf = (await (await page().request.get(`${ctx.base}/api/v1/auth/me`)).json()).csrfToken;
    const res = await page().request.fetch(`${ctx.base}/api/v1${p}`, {
      method, data, headers: method === 'GET' ? {} : { 'X-CSRF-Token': csrf },
    });
    if (res.status() === 422 && method === 'POST') {
      const body = await res.json();
      if (body.error?.code === 'confirmation_required') return api(method, p, { ...data, confirm: Object.keys(body.error.fields) });
    }
    if (!res.ok()) fail(`${method} ${p} answered ${res.status()}: ${await res.text()}`);
    return res.status() === 204 ? null : res.json();
  }

  /** Logs out through the user menu and logs in as `username`. */
  async function login(username, password) {
    const p = page();
    await p.getByTestId('user-menu').click();
    await p.getByTestId('logout').click();
    await p.waitForURL(/\/login/);
    await p.locator('input[name="username"]').fill(username);
    await p.locator('input[name="password"]').fill(password);
    await p.getByTestId('login-submit').click();
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    await p.getByTestId('status-line').waitFor();
  }

  return { page, shot, api, login };
}
