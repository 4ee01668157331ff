// 审批 end to end (issue #8): a rep submits a customer, the supervisor finds it in 待审批 (the bell
// counts it; a second submission made meanwhile arrives live), approves it inline, and the rep sees
// 已通过 on the record, in 我提交的 and on the bell. Step names start with "approvals:"; the steps make
// their own department and users.
//
// Register in run.mjs: import { approvalSteps } from './approvals.mjs'; and
//   ...approvalSteps(ctx, { SHOTS, stamp, fail, skip, adminPassword: () => server.password }),
import { request } from 'playwright-core';
import { pageHelpers } from './helpers.mjs';

// `h` carries run.mjs's helpers: { SHOTS, stamp, fail, skip, adminPassword }.
export function approvalSteps(ctx, h) {
  const { SHOTS, stamp, fail, adminPassword } = h;
  const DEPT = `审批组${stamp}`;
  const SUP = { username: `asup_${stamp}`, displayName: `审批主管${stamp}`, password: `Asup-${stamp}-Pw` };
  const REP = { username: `arep_${stamp}`, displayName: `审批业务员${stamp}`, password: `Arep-${stamp}-Pw` };
  const CUSTOMER = `审批测试客户${stamp}`;
  const LIVE = `实时通知客户${stamp}`;
  const NOTE = `请尽快审核${stamp}`;
  const OK = `同意${stamp}`;

  const { page, shot, api, login } = pageHelpers(ctx, { SHOTS, fail });
  const state = (label) => page().getByTestId('approval-state').filter({ hasText: label }).waitFor();
  // The unread count on the bell (notifications helper), or null while the bell is not built.
  async function expectUnread() {
    const badge = page().getByTestId('notification-badge');
    if (!(await badge.count())) return null;
    await badge.locator('sup').filter({ hasText: /[1-9]/ }).waitFor();
    return true;
  }
  // The rep acting from another browser while the supervisor watches: its own cookies and CSRF token.
  async function asRepElsewhere(fn) {
    const other = await request.newContext({ baseURL: ctx.base });
    try {
      const login = await other.post('/api/v1/auth/login', { data: { username: REP.username, password: REP.password } });
      if (!login.ok()) fail(`rep login answered ${login.status()}`);
      const { csrfToken } = await login.json();
      return await fn(other, { 'X-CSRF-Token': csrfToken });
    } finally {
      await other.dispose();
    }
  }

  return [
    ['approvals: setup — a supervisor and a rep who reports to them', async () => {
      const dept = await api('POST', '/departments', { name: DEPT });
      const sup = await api('POST', '/users', { ...SUP, departmentId: dept.id, roles: ['supervisor'] });
      await api('POST', '/users', { ...REP, departmentId: dept.id, managerId: sup.id, roles: ['sales_rep'] });
    }],
    ['approvals: the rep submits a customer with a note', async () => {
      const p = page();
      await login(REP.username, REP.password);
      ctx.approvalCustomerId = (await api('POST', '/customers', { name: CUSTOMER })).id;
      await p.goto(`${ctx.base}/r/customers/${ctx.approvalCustomerId}`);
      await p.getByTestId('approval-panel').waitFor();
      await state('未提交');
      await p.getByTestId('approval-submit').click();
      const dialog = p.getByTestId('approval-dialog');
      await dialog.getByTestId('approval-comment-input').fill(NOTE);
      await dialog.getByTestId('approval-dialog-confirm').click();
      await state('审核中');
      await p.getByTestId('approval-steps').filter({ hasText: SUP.displayName }).waitFor();
      await shot('80-approval-submitted.png');
    }],
    ['approvals: the supervisor finds it in 待审批 and approves it inline', async () => {
      const p = page();
      await login(SUP.username, SUP.password);
      await expectUnread();
      await p.goto(`${ctx.base}/approvals`);
      const item = p.locator('[data-testid^="approval-item-"]', { hasText: CUSTOMER }).first();
      await item.waitFor();
      await item.filter({ hasText: NOTE }).filter({ hasText: REP.displayName }).waitFor();
      // Live: once the bell's stream is open, the rep submits another customer from elsewhere and
      // the supervisor's page hears of it.
      if (await p.getByTestId('notification-badge').count()) {
        await p.locator('[data-testid="notification-badge"][data-connected="true"]').waitFor();
      }
      await asRepElsewhere(async (other, headers) => {
        const created = await other.post('/api/v1/customers', { data: { name: LIVE }, headers });
        if (created.status() !== 201) fail(`creating ${LIVE} answered ${created.status()}`);
        const submitted = await other.post(`/api/v1/customers/${(await created.json()).id}/submit`, { data: {}, headers });
        if (!submitted.ok()) fail(`submitting ${LIVE} answered ${submitted.status()}: ${await submitted.text()}`);
      });
      if (await p.getByTestId('notification-badge').count()) await p.locator('.notification-toast').first().waitFor();
      await p.getByTestId('approvals-refresh').click();
      await p.locator('[data-testid^="approval-item-"]', { hasText: LIVE }).first().waitFor();
      await shot('81-approval-inbox.png');
      await item.locator('[data-testid^="approval-item-approve-"]').click();
      const dialog = p.getByTestId('approval-dialog');
      await dialog.getByTestId('approval-comment-input').fill(OK);
      await dialog.getByTestId('approval-dialog-confirm').click();
      await p.locator('.el-message--success').waitFor();
      await p.locator('[data-testid^="approval-item-"]', { hasText: CUSTOMER }).waitFor({ state: 'detached' });
      const rec = await api('GET', `/customers/${ctx.approvalCustomerId}`);
      if (rec.approvalState !== 'approved') fail(`the customer is ${rec.approvalState} after the approval`);
    }],
    ['approvals: the rep sees 已通过 on the record and in 我提交的', async () => {
      const p = page();
      await login(REP.username, REP.password);
      await expectUnread();  // 审批通过 on the bell
      await p.goto(`${ctx.base}/r/customers/${ctx.approvalCustomerId}`);
      await state('已通过');
      await p.getByTestId('approval-steps').filter({ hasText: OK }).waitFor();
      await p.goto(`${ctx.base}/approvals?tab=submitted`);
      const item = p.locator('[data-testid^="approval-item-"]', { hasText: CUSTOMER }).first();
      await item.getByTestId('approval-item-state').filter({ hasText: '已通过' }).waitFor();
      await shot('82-approval-mine.png');
    }],
    ['approvals: the inbox at 375 px', async () => {
      const p = page();
      await p.setViewportSize({ width: 375, height: 812 });
      try {
        await p.goto(`${ctx.base}/approvals?tab=submitted`);
        await p.locator('[data-testid^="approval-item-"]').first().waitFor();
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) fail(`the inbox is ${overflow} px wider than a 375 px screen`);
        await shot('83-approval-mobile.png');
      } finally {
        await p.setViewportSize({ width: 1280, height: 800 });
        await login('admin', adminPassword());
      }
    }],
  ];
}
