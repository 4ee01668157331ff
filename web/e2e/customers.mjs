// Fourth step sequence (issue #5, customers module), run by run.mjs after lists.mjs as admin:
// a customer with two contacts made through the UI, pinyin search, the 360° page, duplicate and
// credit-code warnings, browsing by region, 高级筛选 saved as a 场景, 查重, and — once the server
// has them — label printing and the import wizard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageHelpers } from './helpers.mjs';

// `h` carries run.mjs's helpers: { SHOTS, stamp, fail, skip }.
export function customerSteps(ctx, h) {
  const { SHOTS, stamp, fail, skip } = h;
  // Names unique per run, but keeping the 北京网联 initials (bjwl) the search must find.
  const NAME = `北京网联科技有限公司${stamp}`;
  const DUP = `北京网联科技股份有限公司${stamp}`;
  const PHONE = `010-8${String(Date.now()).slice(-7)}`;
  const CREDIT_NAME = `信用代码测试${stamp}`;
  const PRIMARY = `张伟${stamp}`;
  const SECOND = `李娜${stamp}`;
  const SCENE = `股份公司${stamp}`;

  const { page, shot, api } = pageHelpers(ctx, { SHOTS, fail });
  const idle = () => page().waitForFunction(() => !document.querySelector('.table-wrap .el-loading-mask'));
  const status = async (p) => (await page().request.get(`${ctx.base}/api/v1${p}`)).status();
  const field = (name) => page().locator(`[data-field="${name}"]`);
  const searchBox = () => page().locator('input[data-testid="list-search"]');
  const rowTexts = () => page().locator('.table-wrap .el-table__body-wrapper .el-table__row').allTextContents();
  async function expectRows(names, message) {
    const deadline = Date.now() + 10000;
    let seen = [];
    while (Date.now() < deadline) {
      await idle();
      seen = (await rowTexts()).map((r) => names.find((n) => r.includes(n)) ?? r.slice(0, 40));
      if (JSON.stringify([...seen].sort()) === JSON.stringify([...names].sort())) return;
      await page().waitForTimeout(200);
    }
    fail(`${message}: rows are ${JSON.stringify(seen)}, expected ${JSON.stringify(names)}`);
  }
  async function openList(q) {
    await page().goto(`${ctx.base}/r/customers`);
    await idle();
    if (q !== undefined) {
      await searchBox().fill(q);
      await searchBox().press('Enter');
    }
  }
  const detailUrl = (entity) => new RegExp(`/r/${entity}/(\\d+)$`);
  async function waitDetail(entity) {
    await page().waitForURL(detailUrl(entity));
    return Number(page().url().match(detailUrl(entity))[1]);
  }
  const warnings = () => page().getByTestId('confirm-warnings');

  return [
    ['customers: sectioned form checks postal code and credit code, then creates the customer', async () => {
      const p = page();
      await p.goto(`${ctx.base}/r/customers/new`);
      await field('name').locator('input').waitFor();
      const sections = await p.locator('.record-form .section-title').allTextContents();
      const expected = (ctx.customers.sections ?? []).map((s) => s.labels['zh-CN']);
      // The form shows the sections with editable fields (资料与审核 holds collector and entry person).
      for (const title of expected.filter((t) => t !== '资料与审核')) {
        if (!sections.includes(title)) fail(`form sections ${JSON.stringify(sections)} lack ${title}`);
      }
      await field('name').locator('input').fill(NAME);
      await field('phone').locator('input').fill(PHONE);
      await field('postalCode').locator('input').fill('10008');
      await field('creditCode').locator('input').fill('91350100I00010');
      await p.getByTestId('form-save').click();
      await field('postalCode').locator('.el-form-item__error', { hasText: '6 位数字' }).waitFor();
      await field('creditCode').locator('.el-form-item__error', { hasText: '18 位' }).waitFor();
      await shot('40-customer-form-sections.png', { fullPage: true });
      await field('postalCode').locator('input').fill('100080');
      await field('creditCode').locator('input').fill('');
      await p.getByTestId('form-save').click();
      ctx.wl = await waitDetail('customers');
    }],
    ['customers: two contacts from the 360° page, one primary', async () => {
      const p = page();
      for (const [name, primary, mobile] of [[PRIMARY, true, '13800138001'], [SECOND, false, '13900139002']]) {
        await p.goto(`${ctx.base}/r/customers/${ctx.wl}`);
        await p.locator('[id="tab-related:contacts"]').click();
        await p.getByTestId('related-create-contacts-customerId').click();
        await p.waitForURL(/\/r\/contacts\/new\?/);
        const customer = await field('customerId').locator('.el-select').textContent();
        if (!customer.includes(NAME)) fail(`new contact's customer shows "${customer}"`);
        await field('name').locator('input').fill(name);
        await field('mobile').locator('input').fill(mobile);
        if (primary) await field('isPrimary').locator('.el-switch').click();
        await p.getByTestId('form-save').click();
        await waitDetail('contacts');
      }
      await p.goto(`${ctx.base}/r/customers/${ctx.wl}`);
      await p.locator('[id="tab-related:contacts"]').click();
      const rows = p.locator('.related-list .el-table__row');
      await rows.filter({ hasText: SECOND }).waitFor();
      const first = await rows.first().textContent();
      if (!first.includes(PRIMARY) || !first.includes('首要')) fail(`the primary contact is not first and marked: "${first}"`);
      if (await rows.filter({ hasText: SECOND }).getByTestId('primary-tag').count()) fail('the second contact is marked primary');
    }],
    ['customers: the 360° page shows the header, sections and related tabs', async () => {
      const p = page();
      await p.goto(`${ctx.base}/r/customers/${ctx.wl}`);
      await p.getByTestId('record-title').filter({ hasText: NAME }).waitFor();
      const header = await p.locator('.header-card').textContent();
      for (const label of ['客户代码', '客户类别', '所在地区', '电话', '重要程度', '负责人']) {
        if (!header.includes(label)) fail(`header card lacks ${label}`);
      }
      for (const id of ['detail-edit', 'detail-transfer', 'detail-share', 'detail-delete']) await p.getByTestId(id).waitFor();
      const tabs = await p.locator('.el-tabs__item').allTextContents();
      const at = (w) => tabs.findIndex((t) => t.trim() === w);
      const ordered = ['基本信息', '联系人', '附件', '操作记录'].map(at);
      const related = ['下级公司', '经销客户'].map(at);
      if (ordered.some((i, k) => i < 0 || (k && i < ordered[k - 1])) || related.some((i) => i < ordered[1] || i > ordered[2])) {
        fail(`tabs are ${JSON.stringify(tabs)}`);
      }
      const sections = await p.locator('.record-fields .section-title').allTextContents();
      if (!sections.includes('联系方式') || !sections.includes('企业信息')) fail(`detail sections ${JSON.stringify(sections)}`);
      await p.locator('.record-fields', { hasText: '100080' }).waitFor();
      await shot('41-customer-360.png', { fullPage: true });
      await p.locator('[id="tab-related:contacts"]').click();
      await p.locator('.related-list .el-table__row', { hasText: SECOND }).waitFor();
      await shot('42-customer-360-contacts.png');
      await p.getByTestId('detail-share').click();
      await p.getByTestId('share-dialog').waitFor();
      await shot('43-share-dialog.png');
      const other = (await api('GET', '/users?pageSize=200')).items.find((u) => u.active && u.username !== 'admin');
      if (other) {
        const dialog = p.getByTestId('share-dialog');
        await dialog.locator('.el-select input').fill(other.displayName);
        await p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: other.displayName }).first().click();
        await dialog.getByTestId('share-submit').click();
        await p.locator('.el-message--success', { hasText: '已共享' }).waitFor();
        await dialog.waitFor({ state: 'hidden' });
      } else {
        await p.keyboard.press('Escape');
        await p.getByTestId('share-dialog').waitFor({ state: 'hidden' });
      }
    }],
    ['customers: pinyin initials find it in the list and in global search', async () => {
      const p = page();
      await openList('bjwl');
      await p.locator('.table-wrap .el-table__row', { hasText: NAME }).waitFor();
      await p.goto(`${ctx.base}/`);
      const input = p.getByTestId('global-search').locator('input');
      await input.fill('bjwl');
      await p.locator('.global-search .item', { hasText: NAME }).first().waitFor();
      await shot('44-pinyin-search.png');
      await input.press('Escape');
    }],
    ['customers: a likely duplicate warns with the candidate, 仍然保存 saves', async () => {
      const p = page();
      ctx.expectedConsole = [/422 .*\/api\/v1\/customers$/];
      await p.goto(`${ctx.base}/r/customers/new`);
      await field('name').locator('input').fill(DUP);
      await field('phone').locator('input').fill(PHONE);
      await p.getByTestId('form-save').click();
      await warnings().waitFor();
      await warnings().locator('[data-warning="name"], [data-warning="phone"]').first().waitFor();
      const link = warnings().getByTestId('candidate-link').filter({ hasText: NAME });
      await link.waitFor();
      if ((await link.getAttribute('href')) !== `/r/customers/${ctx.wl}`) fail(`candidate link is ${await link.getAttribute('href')}`);
      await shot('45-duplicate-warning.png');
      // 取消 keeps the form as it was.
      await warnings().getByTestId('confirm-cancel').click();
      await warnings().waitFor({ state: 'hidden' });
      if ((await field('name').locator('input').inputValue()) !== DUP) fail('取消 lost the form');
      await p.getByTestId('form-save').click();
      await warnings().getByTestId('confirm-save').click();
      ctx.dup = await waitDetail('customers');
      await p.getByTestId('record-title').filter({ hasText: DUP }).waitFor();
      ctx.expectedConsole = [];
    }],
    ['customers: a credit code with a bad check character warns and saves when confirmed', async () => {
      const p = page();
      ctx.expectedConsole = [/422 .*\/api\/v1\/customers(\/\d+)?$/];
      await p.goto(`${ctx.base}/r/customers/new`);
      await field('name').locator('input').fill(CREDIT_NAME);
      await field('creditCode').locator('input').fill('91350100m000100y44');
      await p.getByTestId('form-save').click();
      await warnings().locator('[data-warning="creditCode"]', { hasText: '校验位' }).waitFor();
      await shot('46-credit-code-warning.png');
      await warnings().getByTestId('confirm-save').click();
      const id = await waitDetail('customers');
      const saved = await api('GET', `/customers/${id}`);
      if (saved.creditCode?.toUpperCase() !== '91350100M000100Y44') fail(`saved credit code ${saved.creditCode}`);
      // The same warning on edit: PATCH keeps the version and confirms again.
      await p.getByTestId('detail-edit').click();
      await p.waitForURL(/\/edit$/);
      await p.waitForFunction(() => !document.querySelector('.form-card .el-loading-mask'));
      await field('creditCode').locator('input').fill('91350100M000100Y45');
      await p.getByTestId('form-save').click();
      await warnings().locator('[data-warning="creditCode"]').waitFor();
      await warnings().getByTestId('confirm-save').click();
      await p.waitForURL(new RegExp(`/r/customers/${id}$`));
      const edited = await api('GET', `/customers/${id}`);
      if (edited.creditCode !== '91350100M000100Y45' || edited.version !== saved.version + 1) fail(`after edit: ${edited.creditCode} v${edited.version}`);
      ctx.expectedConsole = [];
    }],
    ['customers: the region tree narrows the list', async () => {
      const p = page();
      const wl = await api('GET', `/customers/${ctx.wl}`);
      await api('PATCH', `/customers/${ctx.wl}`, { version: wl.version, region: { code: '110108' } });
      const dup = await api('GET', `/customers/${ctx.dup}`);
      await api('PATCH', `/customers/${ctx.dup}`, { version: dup.version, region: { code: '440305' } });
      await openList(`网联科技`);
      await expectRows([NAME, DUP], 'before choosing a region');
      const tree = p.getByTestId('region-tree');
      await tree.locator('.el-tree-node__content', { hasText: '北京市' }).first().waitFor();
      await tree.locator('input').fill('广东');
      await tree.locator('.el-tree-node__content', { hasText: /^广东省$/ }).click();
      await expectRows([DUP], 'region 广东省');
      await tree.locator('input').fill('');
      await tree.locator('.el-tree-node__content', { hasText: /^北京市$/ }).first().click();
      await expectRows([NAME], 'region 北京市');
      await shot('47-region-tree.png');
      await p.getByTestId('region-tree-all').click();
      await expectRows([NAME, DUP], 'all regions again');
    }],
    ['customers: 高级筛选 condition applied, shown as a tag and saved as a 场景', async () => {
      const p = page();
      await openList('网联科技');
      await expectRows([NAME, DUP], 'before the advanced filter');
      await p.getByTestId('list-advanced').click();
      const dialog = p.getByTestId('advanced-dialog');
      await dialog.waitFor();
      await dialog.locator('[data-row="0"] .field').click();
      await p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^客户名称$/ }).click();
      await dialog.locator('[data-row="0"] .op').click();
      await p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^包含$/ }).click();
      await dialog.locator('[data-row="0"] .value input').fill('股份');
      await dialog.getByTestId('advanced-add').click();
      await dialog.locator('[data-row="1"] .field').click();
      await p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^重要程度$/ }).click();
      await dialog.locator('[data-row="1"] .value .el-select').click();
      await p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: 'B 一般' }).click();
      await p.keyboard.press('Escape').catch(() => undefined);
      await dialog.waitFor();
      await shot('48-advanced-filter.png');
      await dialog.getByTestId('advanced-save-scene').click();
      await expectRows([DUP], 'advanced filter 名称包含股份');
      const tags = await p.getByTestId('condition-tags').textContent();
      if (!tags.includes('客户名称 包含 股份')) fail(`condition tags: ${tags}`);
      const scene = p.getByTestId('scene-dialog');
      await scene.locator('input[data-testid="scene-name"]').fill(SCENE);
      await scene.getByTestId('scene-save').click();
      await scene.waitFor({ state: 'hidden' });
      await p.getByTestId('scene').filter({ hasText: SCENE }).waitFor();
      const view = (await api('GET', '/views?entity=customers')).items.find((v) => v.name === SCENE);
      const params = new URLSearchParams(view?.query ?? '');
      if (params.get('name[contains]') !== '股份' || params.get('importance[in]') !== 'b') fail(`scene query ${view?.query}`);
      await shot('49-advanced-scene.png');
      // A tag removed widens the list again.
      await p.getByTestId('condition-tags').locator('.el-tag', { hasText: '股份' }).locator('.el-tag__close').click();
      await expectRows([NAME, DUP], 'after removing the condition');
      await api('DELETE', `/views/${view.id}`);
    }],
    ['customers: 查重 finds the owner of a similar customer', async () => {
      const p = page();
      await openList();
      await p.getByTestId('list-duplicates').click();
      const dialog = p.getByTestId('duplicate-dialog');
      await dialog.locator('input[data-testid="dup-phone"]').fill(PHONE);
      await dialog.getByTestId('dup-search').click();
      await dialog.locator('.el-table__row', { hasText: NAME }).waitFor();
      const row = await dialog.locator('.el-table__row', { hasText: NAME }).textContent();
      if (!row.includes('电话')) fail(`查重 row lacks the matched field: ${row}`);
      await shot('50-duplicate-check.png');
      await dialog.locator('input[data-testid="dup-phone"]').fill('010-00000001');
      await dialog.getByTestId('dup-search').click();
      await dialog.locator('.el-empty').waitFor();
      await p.keyboard.press('Escape');
    }],
    ['customers: print address labels (PDF)', async () => {
      const p = page();
      if ((await status('/customers/label-layouts')) !== 200) skip('the server has no /customers/label-layouts yet');
      await openList('网联科技');
      await expectRows([NAME, DUP], 'before printing');
      await p.evaluate(() => {
        window.__opened = [];
        window.open = (url) => { window.__opened.push(String(url)); return null; };
      });
      await p.getByTestId('list-print').click();
      await p.getByTestId('print-labels').click();
      const dialog = p.getByTestId('label-dialog');
      await dialog.locator('.el-select').click();
      await p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /3×8/ }).first().click();
      await shot('51-label-dialog.png');
      await dialog.getByTestId('label-print').click();
      const url = await p.evaluate(() => window.__opened[0]);
      if (!url || !url.includes('q=')) fail(`labels opened ${url}`);
      const res = await p.evaluate(async (u) => {
        const r = await fetch(u, { credentials: 'same-origin' });
        const b = await r.arrayBuffer();
        return { status: r.status, type: r.headers.get('content-type'), size: b.byteLength, head: String.fromCharCode(...new Uint8Array(b.slice(0, 5))) };
      }, url);
      if (res.status !== 200 || !res.type?.startsWith('application/pdf') || res.size <= 0 || res.head !== '%PDF-') fail(`labels PDF: ${JSON.stringify(res)}`);
      ctx.labelsPdf = res.size;
    }],
    ['customers: import a CSV through the wizard (dry run, fix mapping, run)', async () => {
      const p = page();
      if ((await status('/customers/import-template?format=csv')) !== 200) skip('the server has no /customers/import-template yet');
      const A = `导入甲${stamp}`;
      const B = `导入乙${stamp}`;
      const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-import-')), 'customers.csv');
      // The column headed 电话 holds e-mail addresses: the dry run rejects every row until the user
      // maps it to 电子邮件.
      fs.writeFileSync(csv, `\uFEFF客户名称,电话\n${A},jia${stamp}@example.cn\n${B},yi${stamp}@example.cn\n`);
      await openList();
      await p.getByTestId('list-import').click();
      const wizard = p.getByTestId('import-wizard');
      await wizard.locator('input[type="file"]').setInputFiles(csv);
      await wizard.getByTestId('import-file').waitFor();
      await shot('52-import-upload.png');
      await wizard.getByTestId('import-check').click();
      await wizard.getByTestId('import-step-check').waitFor();
      await wizard.getByTestId('import-errors').locator('.el-table__row').first().waitFor();
      const errors = await wizard.getByTestId('import-errors').textContent();
      if (!errors.includes('电话')) fail(`dry run errors: ${errors}`);
      await shot('53-import-check-errors.png');
      await wizard.locator('[data-header="电话"]').first().click();
      await p.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^电子邮件$/ }).click();
      await wizard.getByTestId('import-recheck').click();
      await wizard.getByTestId('import-recheck').waitFor({ state: 'detached' });
      await wizard.getByTestId('import-errors').waitFor({ state: 'detached' });
      await shot('54-import-check-fixed.png');
      await wizard.getByTestId('import-run').click();
      await wizard.getByTestId('import-step-done').waitFor({ timeout: 60000 });
      const summary = await wizard.getByTestId('import-summary').textContent();
      await shot('55-import-done.png');
      if (!/新增\s*2/.test(summary)) fail(`import summary: ${summary}`);
      await wizard.getByTestId('import-close').click();
      for (const [name, mail] of [[A, `jia${stamp}@example.cn`], [B, `yi${stamp}@example.cn`]]) {
        const found = (await api('GET', `/customers?q=${encodeURIComponent(name)}`)).items;
        if (found.length !== 1 || found[0].email !== mail) fail(`imported ${name}: ${JSON.stringify(found.map((r) => [r.name, r.email]))}`);
      }
      await openList(`导入`);
      await expectRows([A, B], 'the imported customers in the list');
    }],
    ['customers: vCard of a contact and of the contacts list', async () => {
      const p = page();
      const contact = (await api('GET', `/contacts?customerId=${ctx.wl}&sort=-isPrimary`)).items[0];
      if ((await status(`/contacts/${contact.id}/vcard`)) !== 200) skip('the server has no /contacts/{id}/vcard yet');
      await p.goto(`${ctx.base}/r/contacts/${contact.id}`);
      const [one] = await Promise.all([p.waitForEvent('download'), p.getByTestId('detail-vcard').click()]);
      const text = fs.readFileSync(await one.path(), 'utf8');
      if (!text.includes('BEGIN:VCARD') || !text.includes(PRIMARY)) fail(`vCard: ${text.slice(0, 200)}`);
      await p.goto(`${ctx.base}/r/contacts`);
      await idle();
      await searchBox().fill(stamp);
      await searchBox().press('Enter');
      await idle();
      await p.getByTestId('list-export').click();
      const [all] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-vcard').click()]);
      const cards = (fs.readFileSync(await all.path(), 'utf8').match(/BEGIN:VCARD/g) ?? []).length;
      if (cards < 2) fail(`the contacts vCard holds ${cards} cards`);
    }],
    ['customers: narrow screen (375 px) list, 360° page and warnings', async () => {
      const p = page();
      await p.setViewportSize({ width: 375, height: 812 });
      try {
        await openList();
        await shot('56-mobile-list.png', { fullPage: true });
        await p.goto(`${ctx.base}/r/customers/${ctx.wl}`);
        await p.getByTestId('record-title').waitFor();
        await shot('57-mobile-360.png', { fullPage: true });
        await p.getByTestId('detail-edit').click();
        await p.waitForURL(/\/edit$/);
        await shot('58-mobile-form.png');
      } finally {
        await p.setViewportSize({ width: 1280, height: 800 });
      }
    }],
  ];
}
