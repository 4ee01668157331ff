// Fifth step sequence, run by run.mjs after customers.mjs as admin: 客户审核 on the approvals engine
// (a rep submits, the supervisor rejects with a reason, then approves), 合并 (a contact follows the survivor) and the
// 编号规则 page (a new pattern numbers the next customer). Step names start with "customers:" so
// KEHU_E2E_ONLY=customers runs them too; they make their own department and users.
import path from 'node:path';
import { pageHelpers } from './helpers.mjs';

// `h` carries run.mjs's helpers: { SHOTS, stamp, fail, fillRequired, saveForm, adminPassword }.
export function reviewMergeSteps(ctx, h) {
  const { SHOTS, stamp, fail, fillRequired, saveForm, adminPassword } = h;
  const DEPT = `审核组${stamp}`;
  const SUP = { username: `sup_${stamp}`, displayName: `主管${stamp}`, password: `Sup-${stamp}-Pw` };
  const REP = { username: `rv_${stamp}`, displayName: `录入员${stamp}`, password: `Rv-${stamp}-Pw` };
  const REVIEWED = `待审客户${stamp}`;
  const REASON = `缺少营业执照${stamp}`;
  const APPROVAL = `资料齐全${stamp}`;
  const INTO = `合并保留客户${stamp}`;
  const FROM = `合并移除客户${stamp}`;
  const MOVED_CONTACT = `随迁联系人${stamp}`;
  const PREFIX = `E${stamp.toUpperCase()}`;

  const { page, shot, api, login } = pageHelpers(ctx, { SHOTS, fail });
  async function openCustomer(id) {
    await page().goto(`${ctx.base}/r/customers/${id}`);
    await page().getByTestId('approval-panel').waitFor();
  }
  async function expectState(label) {
    await page().getByTestId('approval-state').filter({ hasText: label }).waitFor();
  }

  return [
    ['customers: review setup — a supervisor and a rep who reports to them', async () => {
      const dept = await api('POST', '/departments', { name: DEPT });
      const sup = await api('POST', '/users', { ...SUP, departmentId: dept.id, roles: ['supervisor'] });
      await api('POST', '/users', { ...REP, departmentId: dept.id, managerId: sup.id, roles: ['sales_rep'] });
    }],
    ['customers: a rep submits a new customer; editing is locked while pending', async () => {
      const p = page();
      await login(REP.username, REP.password);
      await p.goto(`${ctx.base}/r/customers/new`);
      const code = p.locator('[data-field="code"] input');
      await code.waitFor();
      if ((await code.getAttribute('placeholder')) !== '留空自动生成') fail(`code placeholder is "${await code.getAttribute('placeholder')}"`);
      await fillRequired(p, ctx.customers, { name: REVIEWED });
      ctx.reviewedId = await saveForm(p, 'customers');
      await expectState('未提交');
      if (await p.getByTestId('approval-approve').count()) fail('a sales rep is offered 通过');
      await p.getByTestId('approval-submit').click();
      await p.getByTestId('approval-dialog').getByTestId('approval-dialog-confirm').click();
      await expectState('审核中');
      await p.getByTestId('approval-steps').filter({ hasText: SUP.displayName }).waitFor();
      if (!(await p.getByTestId('detail-edit').isDisabled())) fail('the edit button is enabled while pending');
      await p.getByTestId('detail-edit').hover({ force: true });
      await p.locator('.el-popper:visible', { hasText: '审批中，不能修改' }).waitFor();
      if (!(await p.getByTestId('approval-withdraw').count())) fail('the rep cannot withdraw the pending approval');
      await shot('60-review-pending.png');
      // The form opened directly says so, and a save shows the server's 409 approval_pending message.
      await p.goto(`${ctx.base}/r/customers/${ctx.reviewedId}/edit`);
      await p.getByTestId('form-locked').waitFor();
      await p.locator('[data-field="shortName"] input').fill('改名');
      ctx.expectedConsole = [/409/];
      await p.getByTestId('form-save').click();
      await p.locator('.el-message--error', { hasText: '审批' }).waitFor();
      ctx.expectedConsole = [];
      // Keep the error toast: it is what this screenshot is for.
      await p.locator('.el-main, main, .layout-main').first().evaluate((el) => el.scrollTo?.(0, 0)).catch(() => undefined);
      await p.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop > 0 && (el.scrollTop = 0)));
      await p.screenshot({ path: path.join(SHOTS, '61-review-locked-form.png') });
      const rec = await api('GET', `/customers/${ctx.reviewedId}`);
      if (rec.shortName) fail('a pending customer was changed');
      await p.locator('[data-field="shortName"] input').fill('');
    }],
    ['customers: the supervisor rejects with a reason; the rep sees it and resubmits', async () => {
      const p = page();
      await login(SUP.username, SUP.password);
      await openCustomer(ctx.reviewedId);
      await expectState('审核中');
      await p.getByTestId('approval-reject').click();
      const dialog = p.getByTestId('approval-dialog');
      await dialog.getByTestId('approval-dialog-confirm').click();
      await dialog.locator('.el-form-item__error', { hasText: '请填写驳回原因' }).waitFor();
      await dialog.getByTestId('approval-comment-input').fill(REASON);
      await shot('62-review-reject-dialog.png');
      await dialog.getByTestId('approval-dialog-confirm').click();
      await expectState('已驳回');
      const steps = p.getByTestId('approval-steps');
      await steps.filter({ hasText: REASON }).filter({ hasText: SUP.displayName }).waitFor();
      await shot('63-review-rejected.png');
      await login(REP.username, REP.password);
      await openCustomer(ctx.reviewedId);
      await steps.filter({ hasText: REASON }).waitFor();
      if (await p.getByTestId('detail-edit').isDisabled()) fail('a rejected customer cannot be edited');
      await p.getByTestId('approval-submit').click();
      await p.getByTestId('approval-dialog').getByTestId('approval-dialog-confirm').click();
      await expectState('审核中');
    }],
    ['customers: the supervisor approves with a comment; the page shows 已通过 and who decided', async () => {
      const p = page();
      await login(SUP.username, SUP.password);
      await openCustomer(ctx.reviewedId);
      await p.getByTestId('approval-approve').click();
      const dialog = p.getByTestId('approval-dialog');
      await dialog.getByTestId('approval-comment-input').fill(APPROVAL);
      await shot('64-review-approve-dialog.png');
      await dialog.getByTestId('approval-dialog-confirm').click();
      await expectState('已通过');
      await p.getByTestId('approval-steps').filter({ hasText: APPROVAL }).filter({ hasText: SUP.displayName }).waitFor();
      if (await p.getByTestId('approval-approve').count()) fail('a decided customer still offers 通过');
      await shot('65-review-approved.png');
      await login('admin', adminPassword());
      // The history names the review steps (audit is for administrators and executives).
      await openCustomer(ctx.reviewedId);
      await p.locator('#tab-audit').click();
      // Labels come from the shared audit.action messages; until they name these actions the code shows.
      for (const text of [/提交审批|approval_submit/, /驳回|approval_step_reject/, /审批通过|approval_approve/]) {
        await p.locator('.audit .who', { hasText: text }).first().waitFor();
      }
      await shot('66-review-history.png', { fullPage: true });
    }],
    ['customers: merge a customer with a contact into another; the contact moves', async () => {
      const p = page();
      const phone = `0571-8${String(Date.now()).slice(-7)}`;
      ctx.intoId = (await api('POST', '/customers', { name: INTO, phone, address: '杭州市西湖区文三路 1 号' })).id;
      ctx.fromId = (await api('POST', '/customers', { name: FROM, phone, shortName: `移除${stamp}`, address: '杭州市滨江区网商路 2 号' })).id;
      await api('POST', '/contacts', { name: MOVED_CONTACT, customerId: ctx.fromId });
      await openCustomer(ctx.intoId);
      await p.getByTestId('detail-merge').click();
      const dialog = p.getByTestId('merge-dialog');
      await dialog.getByTestId('merge-statement').filter({ hasText: '对方客户移入回收站' }).waitFor();
      const row = dialog.locator('[data-testid="merge-candidates"] .el-table__row', { hasText: FROM });
      await row.waitFor();
      await shot('67-merge-pick.png');
      await row.getByTestId('merge-candidate-use').click();
      const compare = dialog.getByTestId('merge-compare');
      await compare.waitFor();
      if (!(await compare.locator('.el-table__row', { hasText: '简称' }).locator('.is-checked').count())) fail('the empty 简称 is not filled by default');
      const address = dialog.getByTestId('merge-take-address');
      if (await address.locator('.is-checked').count()) fail('a field set on both sides is ticked by default');
      await address.click();
      await shot('68-merge-compare.png');
      await dialog.getByTestId('merge-confirm').click();
      await p.locator('.el-message-box:visible .el-button--danger').click();
      await p.locator('.el-message--success', { hasText: '联系人 1' }).waitFor();
      await p.locator('[id="tab-related:contacts"]').click();
      await p.locator('.related-list .el-table__row', { hasText: MOVED_CONTACT }).waitFor();
      await shot('69-merge-done.png');
      const into = await api('GET', `/customers/${ctx.intoId}`);
      if (into.shortName !== `移除${stamp}` || !into.address.includes('滨江')) fail(`merged values: ${into.shortName} / ${into.address}`);
      if ((await page().request.get(`${ctx.base}/api/v1/customers/${ctx.fromId}`)).status() !== 404) fail('the merged customer is still there');
      await p.locator('#tab-audit').click();
      await p.getByTestId('audit-merged-from').filter({ hasText: `合并了“${FROM}”` }).waitFor();
    }],
    ['customers: 编号规则 — a new pattern numbers the next customer', async () => {
      const p = page();
      ctx.expectedConsole = [/404 .*numbering|numbering.* 404|status of 404/];
      ctx.oldRule = await api('GET', '/numbering/customers');
      await p.goto(`${ctx.base}/`);
      await p.getByTestId('menu-system').click();
      await p.locator('.el-menu-item', { hasText: '编号规则' }).click();
      await p.waitForURL(/\/system\/numbering$/);
      const row = p.locator('[data-testid="numbering-table"] .el-table__row', { hasText: '客户' }).first();
      await row.filter({ hasText: ctx.oldRule.pattern }).waitFor();
      await shot('70-numbering.png');
      await row.getByTestId('numbering-edit-customers').click();
      const dialog = p.getByTestId('numbering-dialog');
      const pattern = dialog.getByTestId('numbering-pattern');
      await pattern.fill(`${PREFIX}{foo}{seq:3}`);
      ctx.expectedConsole.push(/422/);
      await dialog.getByTestId('numbering-save').click();
      await dialog.locator('[data-field="pattern"] .el-form-item__error', { hasText: '不认识的占位符' }).waitFor();
      await shot('71-numbering-error.png');
      await pattern.fill(`${PREFIX}-{seq:3}`);
      await dialog.getByTestId('numbering-reset-never').click();
      await dialog.getByTestId('numbering-preview').filter({ hasText: `${PREFIX}-001` }).waitFor();
      await dialog.getByTestId('numbering-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByTestId('numbering-row-next').filter({ hasText: new RegExp(`^${PREFIX}-\\d{3}$`) }).waitFor();
      ctx.expectedConsole = [];
      await p.goto(`${ctx.base}/r/customers/new`);
      await fillRequired(p, ctx.customers, { name: `编号测试客户${stamp}` });
      const id = await saveForm(p, 'customers');
      const code = (await api('GET', `/customers/${id}`)).code;
      if (!new RegExp(`^${PREFIX}-\\d{3}$`).test(code ?? '')) fail(`the new customer's code is ${code}`);
      await p.locator('.header-card', { hasText: code }).waitFor();
    }],
    ['customers: review panel and numbering page at 375 px', async () => {
      const p = page();
      await p.setViewportSize({ width: 375, height: 812 });
      try {
        await openCustomer(ctx.reviewedId);
        await shot('72-mobile-review.png', { fullPage: true });
        ctx.expectedConsole = [/404/];
        await p.goto(`${ctx.base}/system/numbering`);
        await p.locator('[data-testid="numbering-table"] [data-testid="numbering-row-pattern"]').first().waitFor();
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) fail(`the numbering page is ${overflow} px wider than a 375 px screen`);
        await shot('73-mobile-numbering.png');
      } finally {
        ctx.expectedConsole = [];
        await p.setViewportSize({ width: 1280, height: 800 });
        if (ctx.oldRule) await api('PUT', '/numbering/customers', { pattern: ctx.oldRule.pattern, reset: ctx.oldRule.reset });
      }
    }],
  ];
}
