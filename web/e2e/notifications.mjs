// 通知 (issue #8): a sales rep's bell counts up live when a notification arrives, without a reload;
// the popover and the 通知中心 page list it; marking it read clears the badge. The notification is
// made the way production makes one: the rep sets a reminder (POST /api/v1/reminders) whose time
// has passed, and the scheduler's "reminders.fire" job (every 30 s) turns it into a notification.
// Run by run.mjs as admin; leaves the admin logged in again.
import { pageHelpers } from './helpers.mjs';

// `h` carries run.mjs's helpers: { SHOTS, stamp, fail, skip, adminPassword }.
export function notificationSteps(ctx, h) {
  const { SHOTS, stamp, fail } = h;
  const REP = { username: `bell_${stamp}`, displayName: `铃铛业务员${stamp}`, password: `Bell-${stamp}-Pw` };
  const TITLE = `回访客户${stamp}`;
  const LIVE_TIMEOUT_MS = 75000; // the reminder job runs every 30 s, the event hub polls every 1 s
  const { page, shot, login } = pageHelpers(ctx, { SHOTS, fail });

  async function csrf() {
    const me = await (await page().request.get(`${ctx.base}/api/v1/auth/me`)).json();
    return me.csrfToken ?? '';
  }
  async function post(p, body) {
    const res = await page().request.post(`${ctx.base}/api/v1${p}`, {
      data: body,
      headers: { 'X-CSRF-Token': await csrf() },
    });
    return res;
  }
  const badge = () => page().locator('[data-testid="notification-badge"] .el-badge__content');

  return [
    ['notifications: a rep sees a new notification on the bell live', async () => {
      const p = page();
      await p.goto(`${ctx.base}/`);
      await p.getByTestId('status-line').waitFor();
      const created = await post('/users', { ...REP, roles: ['sales_rep'] });
      if (created.status() !== 201) fail(`creating the rep answered ${created.status()}: ${await created.text()}`);
      await login(REP.username, REP.password);
      await p.getByTestId('notification-bell').waitFor();
      if (await badge().isVisible()) fail(`a new rep shows ${await badge().textContent()} unread`);
      const url = p.url();
      const reminder = await post('/reminders', { at: new Date(Date.now() - 60_000).toISOString(), title: TITLE });
      if (reminder.status() !== 201) fail(`POST /reminders answered ${reminder.status()}: ${await reminder.text()}`);
      await badge().filter({ hasText: '1' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      if (p.url() !== url) fail('the page navigated while waiting: the count must arrive without a reload');
      await p.locator('.notification-toast', { hasText: TITLE }).waitFor();
      await shot('70-notification-live.png');
    }],
    ['notifications: the bell lists it and the list page marks it read', async () => {
      const p = page();
      await p.evaluate(() => document.querySelectorAll('.el-notification').forEach((n) => n.remove()));
      await p.getByTestId('notification-bell').click();
      const item = p.locator('.notification-popover [data-testid="notification-item"]', { hasText: TITLE });
      await item.waitFor();
      if (!(await item.evaluate((el) => el.classList.contains('unread')))) fail('the new notification is not marked unread');
      await shot('71-notification-popover.png');
      await p.getByTestId('notification-view-all').click();
      await p.waitForURL(/\/notifications$/);
      const row = p.locator('[data-testid="notification-row"]', { hasText: TITLE });
      await row.waitFor();
      await p.getByTestId('notification-filter').getByText('未读').click();
      await row.waitFor();
      await row.getByTestId('notification-mark-read').click();
      await badge().waitFor({ state: 'hidden' });
      await p.locator('[data-testid="notification-list"] .el-empty').waitFor();
      await p.getByTestId('notification-filter').getByText('全部').click();
      await row.waitFor();
      if (await row.evaluate((el) => el.classList.contains('unread'))) fail('the notification is still unread after marking it read');
      await shot('72-notification-list.png');
      const count = await (await p.request.get(`${ctx.base}/api/v1/notifications/unread-count`)).json();
      if (count.unreadCount !== 0) fail(`the server still counts ${count.unreadCount} unread`);
      await login('admin', h.adminPassword());
    }],
  ];
}
