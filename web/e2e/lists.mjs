// Third step sequence, run by run.mjs after admin-and-rep.mjs (logged in as admin): list filters and
// sort, 场景 (saved views), batch transfer, an edit conflict, attachments and the region cascader.
import fs from 'node:fs';
import { pageHelpers } from './helpers.mjs';

// `h` carries run.mjs's helpers: { SHOTS, stamp, fail }.
export function listSteps(ctx, h) {
  const { SHOTS, stamp, fail } = h;
  const TAG = `列表${stamp}`;
  // Created A, B, C: the default sort (newest first) lists C before A, a name sort A before C.
  const A = `${TAG}A北京`;
  const B = `${TAG}B合作`;
  const C = `${TAG}C深圳`;
  const VIEW = `现有客户${stamp}`;
  const { shot, api } = pageHelpers(ctx, { SHOTS, fail });
  const idle = () => ctx.page.waitForFunction(() => !document.querySelector('.table-wrap .el-loading-mask'));
  const rowTexts = () => ctx.page.locator('.table-wrap .el-table__body-wrapper .el-table__row').allTextContents();
  async function expectRows(names, message, anyOrder = false) {
    const deadline = Date.now() + 10000;
    let seen = [];
    while (Date.now() < deadline) {
      await idle();
      const rows = await rowTexts();
      seen = rows.map((r) => [A, B, C].find((n) => r.includes(n)) ?? r.slice(0, 30));
      const order = (list) => (anyOrder ? [...list].sort() : list);
      if (JSON.stringify(order(seen)) === JSON.stringify(order(names))) return;
      await ctx.page.waitForTimeout(200);
    }
    fail(`${message}: rows are ${JSON.stringify(seen)}, expected ${JSON.stringify(names)}`);
  }
  // el-input puts the test id on the <input> itself.
  const searchBox = () => ctx.page.locator('input[data-testid="list-search"]');
  async function quickSearch(text) {
    const input = searchBox();
    await input.fill(text);
    await input.press('Enter');
  }
  const sceneButton = () => ctx.page.getByTestId('scene');

  return [
    ['list: filter and sort the customer list', async () => {
      const { page } = ctx;
      ctx.listIds = {};
      for (const [name, category] of [[A, 'current'], [B, 'partner'], [C, 'current']]) {
        ctx.listIds[name] = (await api('POST', '/customers', { name, category })).id;
      }
      await page.goto(`${ctx.base}/r/customers`);
      await idle();
      await quickSearch(TAG);
      await expectRows([C, B, A], 'quick search (newest first)');
      // 客户类别 = 现有客户 through the filter bar's select.
      const category = ctx.customers.fields.find((f) => f.name === 'category');
      const current = category.options.find((o) => o.value === 'current').labels['zh-CN'];
      await page.locator('.filter-bar .kind-options .el-select').first().click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: current }).click();
      await page.keyboard.press('Escape');
      await expectRows([C, A], 'category filter');
      const header = page.locator('.table-wrap .el-table__header th', { hasText: ctx.customers.fields.find((f) => f.name === 'name').labels['zh-CN'] });
      await header.locator('.sort-caret.descending').click();
      await expectRows([C, A], 'sort by name descending');
      await header.locator('.sort-caret.ascending').click();
      await expectRows([A, C], 'sort by name ascending');
      await shot('20-list-filtered.png');
    }],
    ['list: save a 场景 and reopen the list with it as default', async () => {
      const { page } = ctx;
      await sceneButton().click();
      await page.getByTestId('scene-create').click();
      const dialog = page.getByTestId('scene-dialog');
      await dialog.locator('input[data-testid="scene-name"]').fill(VIEW);
      await dialog.getByTestId('scene-default').click();
      await dialog.locator('.el-checkbox.is-checked', { hasText: '设为默认' }).waitFor();
      await page.waitForTimeout(300);
      await shot('21-scene-dialog.png');
      await dialog.getByTestId('scene-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await sceneButton().filter({ hasText: VIEW }).waitFor();
      const saved = (await api('GET', '/views?entity=customers')).items.find((v) => v.name === VIEW);
      if (!saved?.isDefault) fail(`the view was not saved as default: ${JSON.stringify(saved)}`);
      const params = new URLSearchParams(saved.query);
      if (params.get('category') !== 'current' || params.get('q') !== TAG || params.get('sort') !== 'name') {
        fail(`the view's query is ${saved.query}`);
      }
      // Away and back: the default 场景 applies by itself.
      await page.goto(`${ctx.base}/`);
      await page.goto(`${ctx.base}/r/customers`);
      await sceneButton().filter({ hasText: VIEW }).waitFor();
      await expectRows([A, C], 'the default 场景 on reopening');
      const q = await searchBox().inputValue();
      if (q !== TAG) fail(`quick search shows "${q}" after reopening`);
      await shot('22-scene-default.png');
      // 全部 shows everything again; 场景设置 deletes the view after a confirmation.
      await sceneButton().click();
      await page.locator('.scene-menu [data-scene="all"]').click();
      await idle();
      if ((await searchBox().inputValue()) !== '') fail('全部 kept the quick search');
      await sceneButton().click();
      await page.getByTestId('scene-settings').click();
      const settings = page.getByTestId('scene-settings-dialog');
      await settings.locator('.el-table__row', { hasText: VIEW }).getByTestId('scene-delete').click();
      await page.locator('.el-message-box:visible', { hasText: VIEW }).locator('.el-button--danger').click();
      await settings.locator('.el-table__row', { hasText: VIEW }).waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      if ((await api('GET', '/views?entity=customers')).items.some((v) => v.name === VIEW)) fail('the view was not deleted');
    }],
    ['list: a column shown from the chooser fills in at once', async () => {
      const { page } = ctx;
      // The list asks only for its columns (fields=): a newly shown one must be loaded, not blank.
      const site = `https://l${stamp}.example.cn`;
      const a = await api('GET', `/customers/${ctx.listIds[A]}`);
      await api('PATCH', `/customers/${a.id}`, { version: a.version, website: site });
      await page.goto(`${ctx.base}/r/customers`);
      await idle();
      await quickSearch(TAG);
      await expectRows([A, B, C], 'the list of the three', true);
      const rowA = page.locator('.table-wrap .el-table__body-wrapper .el-table__row', { hasText: A });
      if ((await rowA.textContent()).includes(site)) fail('网址 shows before its column is chosen');
      await page.getByTestId('column-chooser').click();
      await page.locator('[data-testid="column-list"] li[data-column="website"] .el-checkbox').click();
      await rowA.filter({ hasText: site }).waitFor({ timeout: 10000 });
      await page.locator('.list-card h2.title').click();  // closes the chooser
      await page.locator('.el-popover:visible').waitFor({ state: 'hidden' });
      await shot('20b-list-column-added.png');
      await page.getByTestId('column-chooser').click();
      await page.locator('.el-popover:visible .reset').click();
      await page.locator('.list-card h2.title').click();
    }],
    ['list: batch transfer two customers to a rep', async () => {
      const { page } = ctx;
      const rep = (await api('GET', '/users?pageSize=200')).items.find((u) => u.roles.includes('sales_rep') && u.active);
      if (!rep) fail('no active sales rep to transfer to');
      await page.goto(`${ctx.base}/r/customers`);
      await idle();
      await quickSearch(TAG);
      await expectRows([A, B, C], 'before the transfer', true);
      for (const name of [A, C]) {
        await page.locator('.table-wrap .el-table__body-wrapper .el-table__row', { hasText: name }).locator('.el-checkbox').click();
      }
      await page.getByTestId('batch-bar').filter({ hasText: '已选中 2 项' }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.table-wrap .el-table__body-wrapper .el-checkbox.is-checked').length === 2);
      await shot('23-batch-bar.png');
      await page.getByTestId('batch-transfer').click();
      const dialog = page.getByTestId('batch-dialog');
      await dialog.getByTestId('batch-transfer-to').click();
      await page.keyboard.type(rep.username);
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: rep.displayName }).click();
      await dialog.filter({ hasText: rep.displayName }).waitFor();
      await dialog.getByTestId('batch-transfer-submit').click();
      await dialog.getByTestId('batch-summary').filter({ hasText: '2 条记录全部处理成功' }).waitFor();
      await page.waitForTimeout(600); // the progress bar animates to 100 %
      await shot('24-batch-transfer.png');
      await dialog.getByTestId('batch-close').click();
      await page.getByTestId('batch-bar').waitFor({ state: 'detached' });
      for (const name of [A, C]) {
        const record = await api('GET', `/customers/${ctx.listIds[name]}`);
        if (record.ownerId !== rep.id) fail(`${name} is owned by ${record.ownerId}, expected the rep ${rep.id}`);
      }
      const other = await api('GET', `/customers/${ctx.listIds[B]}`);
      if (other.ownerId === rep.id) fail('an unselected customer was transferred');
      ctx.rep = rep;
    }],
    ['list: 下属负责的 lists the customers of the reports', async () => {
      const { page } = ctx;
      const me = (await api('GET', '/auth/me')).user;
      const rep = await api('GET', `/users/${ctx.rep.id}`);
      await api('PATCH', `/users/${rep.id}`, { version: rep.version, managerId: me.id });
      await page.goto(`${ctx.base}/r/customers`);
      await idle();
      await sceneButton().click();
      await page.locator('.scene-menu [data-scene="reports"]').click();
      await sceneButton().filter({ hasText: '下属负责的' }).waitFor();
      await quickSearch(TAG);
      await expectRows([A, C], '下属负责的', true);
    }],
    ['detail: an edit conflict offers to reload the other change', async () => {
      const { page } = ctx;
      const id = ctx.listIds[B];
      await page.goto(`${ctx.base}/r/customers/${id}/edit`);
      const name = page.locator('[data-field="name"] input');
      await name.waitFor();
      await page.waitForFunction(() => !document.querySelector('.form-card .el-loading-mask'));
      // Someone else saves meanwhile.
      const current = await api('GET', `/customers/${id}`);
      const theirs = `${B}（他人修改）`;
      await api('PATCH', `/customers/${id}`, { version: current.version, name: theirs });
      await page.locator('[data-field="address"] input').fill('上海市浦东新区世纪大道 100 号');
      ctx.expectedConsole = [/409 .*\/api\/v1\/customers\/\d+$/];
      await page.getByTestId('form-save').click();
      const box = page.locator('.el-message-box:visible', { hasText: '记录已被他人修改' });
      await box.waitFor();
      await page.waitForTimeout(400);
      await shot('25-conflict.png');
      await box.locator('.el-button', { hasText: '重新加载' }).click();
      ctx.expectedConsole = [];
      await page.waitForFunction((v) => document.querySelector('[data-field="name"] input')?.value === v, theirs);
      const address = await page.locator('[data-field="address"] input').inputValue();
      if (address !== '') fail(`after reloading the address still shows "${address}"`);
      if (!page.url().endsWith('/edit')) fail(`reloading left the form: ${page.url()}`);
      await page.goto(`${ctx.base}/`);
    }],
    ['detail: upload an attachment and download it', async () => {
      const { page } = ctx;
      const id = ctx.listIds[A];
      await page.goto(`${ctx.base}/r/customers/${id}`);
      await page.locator('#tab-attachments').click();
      const body = `报价单 ${stamp}\n第二行\n`;
      await page.getByTestId('attachment-upload').locator('input[type=file]').setInputFiles({
        name: `报价单${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from(body, 'utf8'),
      });
      const row = page.locator('[data-testid="attachment-table"] .el-table__row', { hasText: `报价单${stamp}.txt` });
      await row.waitFor();
      const files = (await api('GET', `/files?recordEntity=customers&recordId=${id}`)).items;
      if (files.length !== 1 || files[0].size !== Buffer.byteLength(body)) fail(`files listed: ${JSON.stringify(files)}`);
      await shot('26-attachments.png');
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('attachment-download').click()]);
      const saved = await download.path();
      const text = fs.readFileSync(saved, 'utf8');
      if (text !== body) fail(`downloaded ${JSON.stringify(text)}, expected ${JSON.stringify(body)}`);
      if (download.suggestedFilename() !== `报价单${stamp}.txt`) fail(`download named ${download.suggestedFilename()}`);
    }],
    ['region: pick a region in the cascader and find the customer by province', async () => {
      const { page } = ctx;
      const region = ctx.customers.fields.find((f) => f.type === 'region');
      if (!region) fail('customers has no field of type "region" in /meta: the metadata needs one');
      await api('PATCH', `/customers/${ctx.listIds[A]}`, {
        version: (await api('GET', `/customers/${ctx.listIds[A]}`)).version, [region.name]: { code: '110105' },
      });
      const id = ctx.listIds[C];
      await page.goto(`${ctx.base}/r/customers/${id}/edit`);
      const item = page.locator(`[data-field="${region.name}"]`);
      await item.locator('.el-cascader').waitFor();
      await page.waitForFunction(() => !document.querySelector('.form-card .el-loading-mask'));
      await item.locator('.el-cascader').click();
      const panel = page.locator('.region-popper:visible');
      await panel.locator('.el-cascader-node', { hasText: /^广东省/ }).click();
      await panel.locator('.el-cascader-node', { hasText: /^深圳市/ }).click();
      await panel.locator('.el-cascader-node', { hasText: /^南山区/ }).locator('.el-radio').click();
      await page.locator('.form-card .title').click();
      await panel.waitFor({ state: 'hidden' });
      await shot('27-region-form.png');
      await page.getByTestId('form-save').click();
      await page.waitForURL(new RegExp(`/r/customers/${id}$`));
      const record = await api('GET', `/customers/${id}`);
      const value = record[region.name];
      if (value?.code !== '440305' || JSON.stringify(value.names) !== '["广东省","深圳市","南山区"]') {
        fail(`saved region ${JSON.stringify(value)}`);
      }
      await page.locator('.record-fields', { hasText: '广东省 / 深圳市 / 南山区' }).waitFor();
      // The list's region filter: a province alone.
      await page.goto(`${ctx.base}/r/customers`);
      await idle();
      await quickSearch(TAG);
      await expectRows([A, B, C], 'before the region filter', true);
      const more = page.locator('.filter-bar .buttons .el-button', { hasText: '更多筛选' });
      if (await more.count()) await more.click();
      await page.locator(`.filter-bar [data-filter="${region.name}"] .el-cascader`).click();
      const filterPanel = page.locator('.region-popper:visible');
      await filterPanel.locator('.el-cascader-node', { hasText: /^广东省/ }).locator('.el-radio').click();
      await page.locator('.list-card .title').click();
      await filterPanel.waitFor({ state: 'hidden' });
      await expectRows([C], 'region filter 广东省');
      await shot('28-region-filter.png');
    }],
  ];
}
