// Second step sequence, run by run.mjs after its own: the administration pages, then a sales rep's
// view of the same data (data scope 本人: only their own customers, no 系统管理 menu).
import { request } from 'playwright-core';
import { pageHelpers } from './helpers.mjs';

// `h` carries run.mjs's helpers: { SHOTS, stamp, fail, fillRequired, saveForm, external, adminPassword }.
export function adminAndRepSteps(ctx, h) {
  const { SHOTS, stamp, fail, fillRequired, saveForm } = h;
  const { shot, login } = pageHelpers(ctx, { SHOTS, fail });
  // A fresh database gets exactly 华东区; a long-lived server gets a unique name per run.
  const DEPT = h.external ? `华东区${stamp}` : '华东区';
  const MOVED = `上海办事处${stamp}`;
  const REP = { username: `rep_${stamp}`, displayName: `业务员${stamp}`, password: `Rep-${stamp}-Pw` };
  const ADMIN_CUSTOMER = `管理员的客户${stamp}`;
  const REP_CUSTOMER = `业务员的客户${stamp}`;
  const api = async (p) => {
    const res = await ctx.page.request.get(`${ctx.base}/api/v1${p}`);
    if (!res.ok()) fail(`GET ${p} answered ${res.status()}`);
    return res.json();
  };
  const idle = (selector) =>
    ctx.page.waitForFunction((s) => !document.querySelector(`${s} .el-loading-mask`), selector);

  async function createDepartment(name) {
    const { page } = ctx;
    await page.getByTestId('department-create').click();
    const dialog = page.getByTestId('department-dialog');
    await dialog.getByTestId('department-name').fill(name);
    await dialog.getByTestId('department-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId(`department-${name}`).waitFor();
  }


  async function createCustomer(name) {
    const { page } = ctx;
    await page.goto(`${ctx.base}/r/customers/new`);
    await page.locator(`[data-field="${ctx.customers.titleField}"] input`).waitFor();
    await fillRequired(page, ctx.customers, { [ctx.customers.titleField]: name });
    return saveForm(page, 'customers');
  }

  return [
    ['admin: create departments and move one by drag and drop', async () => {
      const { page } = ctx;
      await page.goto(`${ctx.base}/`);
      await page.getByTestId('menu-system').click();
      await page.locator('.el-menu-item', { hasText: '部门管理' }).click();
      await page.waitForURL(/\/system\/departments$/);
      await createDepartment(DEPT);
      await createDepartment(MOVED);
      await page.getByTestId(`department-${MOVED}`).dragTo(page.getByTestId(`department-${DEPT}`));
      await page.locator('.el-message--success', { hasText: MOVED }).waitFor();
      const items = (await api('/departments')).items;
      const parent = items.find((d) => d.name === DEPT);
      const moved = items.find((d) => d.name === MOVED);
      if (!parent || !moved) fail(`departments missing after create: ${JSON.stringify(items)}`);
      if (moved.parentId !== parent.id) fail(`drag did not move ${MOVED} under ${DEPT} (parentId ${moved.parentId})`);
      ctx.deptId = parent.id;
      await shot('11-departments.png');
    }],
    ['admin: create a sales rep in the department', async () => {
      const { page } = ctx;
      await page.locator('.el-menu-item', { hasText: '用户管理' }).click();
      await page.waitForURL(/\/system\/users$/);
      await page.getByTestId('user-create').click();
      const dialog = page.getByTestId('user-dialog');
      await dialog.locator('[data-field="username"] input').fill(REP.username);
      await dialog.locator('[data-field="displayName"] input').fill(REP.displayName);
      // Too weak first: the server's 422 must show beside the password field.
      await dialog.locator('[data-field="password"] input').fill(REP.username);
      await dialog.locator('[data-field="departmentId"] .el-select').click();
      await page.locator('.el-popper:visible .el-tree-node__content', { hasText: new RegExp(`^\\s*${DEPT}\\s*$`) }).click();
      await page.keyboard.press('Escape');
      ctx.expectedConsole = [/422 .*\/api\/v1\/users$/];
      await dialog.getByTestId('user-save').click();
      await dialog.locator('[data-field="password"] .el-form-item__error', { hasText: '密码太弱' }).waitFor();
      ctx.expectedConsole = [];
      await dialog.locator('[data-field="password"] input').fill(REP.password);
      await shot('12-user-dialog.png');
      await dialog.getByTestId('user-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('[data-testid="user-table"] .el-table__row', { hasText: REP.username }).waitFor();
      const user = (await api(`/users?q=${encodeURIComponent(REP.username)}`)).items.find((u) => u.username === REP.username);
      if (!user) fail('the new user is not listed by the server');
      if (user.departmentId !== ctx.deptId) fail(`user is in department ${user.departmentId}, expected ${ctx.deptId}`);
      if (JSON.stringify(user.roles) !== '["sales_rep"]') fail(`user roles ${JSON.stringify(user.roles)}`);
      await shot('13-users.png');
    }],
    ['admin: role permission matrix', async () => {
      const { page } = ctx;
      await page.locator('.el-menu-item', { hasText: '角色权限' }).click();
      await page.waitForURL(/\/system\/roles$/);
      await page.locator('[data-testid="role-list"] .role-item', { hasText: '业务员' }).click();
      const readCell = page.getByTestId('grant-*-read');
      await readCell.filter({ hasText: '本人' }).waitFor();
      await shot('14-roles.png', { fullPage: true });
      // 主管: give contacts an own-only export and save; the "*" defaults must stay as they were.
      await page.locator('[data-testid="role-list"] .role-item', { hasText: '主管' }).click();
      const before = (await api('/roles')).items.find((r) => r.code === 'supervisor');
      await page.getByTestId('grant-contacts-export').click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^本人$/ }).click();
      await page.getByTestId('role-save').click();
      await page.locator('.el-message--success', { hasText: '权限已保存' }).waitFor();
      const after = (await api('/roles')).items.find((r) => r.code === 'supervisor');
      if (JSON.stringify(after.grants.contacts) !== '{"export":"own"}') fail(`saved contacts grants ${JSON.stringify(after.grants.contacts)}`);
      if (JSON.stringify(after.grants['*']) !== JSON.stringify(before.grants['*'])) fail(`saving changed the "*" defaults: ${JSON.stringify(before.grants)} → ${JSON.stringify(after.grants)}`);
      if (after.grants.customers) fail('an untouched row was sent');
      await page.locator('[data-testid="role-list"] .role-item', { hasText: '系统管理员' }).click();
      await page.locator('.el-alert--warning', { hasText: '不能修改' }).waitFor();
      if (await page.getByTestId('role-save').count()) fail('the admin role offers a save button');
      if (!(await readCell.locator('.is-disabled').count())) fail('admin role cells are editable');
    }],
    ['admin: audit log shows the changes', async () => {
      const { page } = ctx;
      await page.locator('.el-menu-item', { hasText: '审计日志' }).click();
      await page.waitForURL(/\/system\/audit$/);
      await page.locator('[data-testid="audit-table"] .el-table__row', { hasText: '部门' }).first().waitFor();
      await idle('[data-testid="audit-table"]');
      // Filter to users: the newest entry is then the rep's creation; expand it.
      await page.getByTestId('audit-entity').click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^用户$/ }).click();
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="audit-table"] > .el-table__inner-wrapper > .el-table__body-wrapper .el-table__row')];
        return rows.length > 0 && rows.every((r) => r.textContent.includes('用户'));
      });
      await idle('[data-testid="audit-table"]');
      await page.locator('[data-testid="audit-table"] .el-table__expand-icon').first().click();
      await page.locator('[data-testid="audit-table"] .el-table__expanded-cell', { hasText: REP.username }).waitFor();
      await shot('15-audit.png');
    }],
    ['admin: users page at 375 px', async () => {
      const { page } = ctx;
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`${ctx.base}/system/users`);
      await page.locator('[data-testid="user-table"] .el-table__row', { hasText: REP.username }).first().waitFor();
      await idle('[data-testid="user-table"]');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) fail(`the users page is ${overflow} px wider than a 375 px screen`);
      await shot('18-users-375.png');
      await page.setViewportSize({ width: 1280, height: 800 });
    }],
    ['admin: create a customer owned by admin', async () => {
      ctx.adminCustomerId = await createCustomer(ADMIN_CUSTOMER);
      const record = await api(`/customers/${ctx.adminCustomerId}`);
      const me = await api('/auth/me');
      if (record.ownerId !== me.user.id) fail(`admin customer owned by ${record.ownerId}`);
    }],
    ['log out and log in as the rep', async () => {
      await login(REP.username, REP.password);
    }],
    ['rep: no 系统管理 menu, admin pages redirect home', async () => {
      const { page } = ctx;
      if (await page.getByTestId('menu-system').count()) fail('the rep sees the 系统管理 menu');
      await page.goto(`${ctx.base}/system/users`);
      await page.waitForURL((u) => u.pathname === '/');
      if (await page.getByTestId('menu-system').count()) fail('the rep sees the 系统管理 menu');
    }],
    ['rep: create a customer', async () => {
      ctx.repCustomerId = await createCustomer(REP_CUSTOMER);
    }],
    ['rep: the customer list shows only their own customer', async () => {
      const { page } = ctx;
      await page.goto(`${ctx.base}/r/customers`);
      await page.locator('.table-wrap .el-table__row', { hasText: REP_CUSTOMER }).waitFor();
      await idle('.table-wrap');
      const rows = await page.locator('.table-wrap .el-table__body-wrapper .el-table__row').allTextContents();
      if (rows.some((r) => r.includes(ADMIN_CUSTOMER))) fail('the rep sees the admin customer in the list');
      if (rows.length !== 1) fail(`the rep sees ${rows.length} rows, expected only their own: ${rows.join(' | ')}`);
      await shot('16-rep-customers.png');
    }],
    ['rep: global search does not find the admin customer', async () => {
      const { page } = ctx;
      const input = page.getByTestId('global-search').locator('input');
      await input.fill(ADMIN_CUSTOMER);
      await page.locator('.global-search .state', { hasText: '没有找到匹配的记录' }).waitFor();
      if (await page.locator('.global-search .item', { hasText: ADMIN_CUSTOMER }).count()) fail('search found the admin customer');
      await input.fill(REP_CUSTOMER);
      await page.locator('.global-search .item', { hasText: REP_CUSTOMER }).first().waitFor();
      await input.fill('');
      await page.keyboard.press('Escape');
    }],
    ['rep: change password shows the server field error, then succeeds', async () => {
      const { page } = ctx;
      await page.goto(`${ctx.base}/account/password`);
      const form = page.getByTestId('password-form');
      const newPassword = `${REP.password}-2`;
      await form.locator('[data-field="currentPassword"] input').fill('not-my-password');
      await form.locator('[data-field="newPassword"] input').fill(newPassword);
      await form.locator('[data-field="confirm"] input').fill(newPassword);
      ctx.expectedConsole = [/422 .*\/api\/v1\/auth\/password$/];
      await page.getByTestId('password-submit').click();
      await form.locator('[data-field="currentPassword"] .el-form-item__error', { hasText: '当前密码不正确' }).waitFor();
      ctx.expectedConsole = [];
      await form.locator('[data-field="currentPassword"] input').fill(REP.password);
      await page.getByTestId('password-submit').click();
      await page.locator('.el-message--success', { hasText: '密码已修改' }).waitFor();
    }],
    ['rep: list at 375 px', async () => {
      const { page } = ctx;
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`${ctx.base}/r/customers`);
      await page.locator('.table-wrap .el-table__row', { hasText: REP_CUSTOMER }).waitFor();
      await idle('.table-wrap');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) fail(`the page is ${overflow} px wider than a 375 px screen`);
      await shot('17-rep-customers-375.png');
      await page.setViewportSize({ width: 1280, height: 800 });
    }],
    ['admin: 离职移交 hands the rep customers over', async () => {
      const { page } = ctx;
      await login('admin', h.adminPassword());
      await page.goto(`${ctx.base}/system/users`);
      const row = page.locator('[data-testid="user-table"] .el-table__row', { hasText: REP.username }).first();
      await row.getByTestId('user-transfer').click();
      const dialog = page.getByTestId('transfer-dialog');
      await dialog.getByTestId('transfer-to').click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '(admin)' }).click();
      await dialog.getByTestId('transfer-submit').click();
      const box = page.locator('.el-message-box:visible');
      await box.filter({ hasText: REP.displayName }).filter({ hasText: '不会自动撤回' }).waitFor();
      await page.waitForTimeout(400); // let the box finish fading in for the screenshot
      await shot('19-transfer-confirm.png');
      await box.locator('.el-button--primary').click();
      await page.locator('.el-message--success', { hasText: '移交完成' }).waitFor();
      const me = await api('/auth/me');
      const record = await api(`/customers/${ctx.repCustomerId}`);
      if (record.ownerId !== me.user.id) fail(`after the hand-over the rep's customer is owned by ${record.ownerId}`);
    }],
    ['admin: reset the rep password', async () => {
      const { page } = ctx;
      const row = page.locator('[data-testid="user-table"] .el-table__row', { hasText: REP.username }).first();
      await row.getByTestId('user-reset').click();
      const dialog = page.getByTestId('password-dialog');
      const fresh = `Reset-${stamp}-Pw`;
      const inputs = dialog.locator('input');
      await inputs.nth(0).fill(fresh);
      await inputs.nth(1).fill(fresh);
      await dialog.locator('.el-button--primary').click();
      await page.locator('.el-message--success', { hasText: '密码已重置' }).waitFor();
      // A separate cookie jar, so the browser's admin session stays.
      const client = await request.newContext({ baseURL: ctx.base });
      const res = await client.post('/api/v1/auth/login', { data: { username: REP.username, password: fresh } });
      await client.dispose();
      if (res.status() !== 200) fail(`login with the reset password answered ${res.status()}`);
    }],
  ];
}
