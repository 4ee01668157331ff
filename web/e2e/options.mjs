// 选项列表 (issue #5: admin-editable lists): the admin adds 客户类别 "供应商…" on the options page, and
// the customer form offers it at once; a retired option disappears from the form. Run by run.mjs as
// admin; step names start with "customers:" so KEHU_E2E_ONLY=customers runs them too.
import path from 'node:path';

// `h` carries run.mjs's helpers: { SHOTS, stamp, fail }.
export function optionSteps(ctx, h) {
  const { SHOTS, stamp, fail } = h;
  const LABEL = `供应商${stamp}`;
  const page = () => ctx.page;

  async function categoryChoices() {
    const p = page();
    await p.goto(`${ctx.base}/r/customers/new`);
    await p.locator('[data-field="category"] .el-select').click();
    const items = p.locator('.el-select-dropdown:visible .el-select-dropdown__item');
    await items.first().waitFor();
    const texts = await items.allInnerTexts();
    await p.keyboard.press('Escape');
    return texts.map((s) => s.trim());
  }

  return [
    ['customers: options — the admin adds a 客户类别 and the form offers it', async () => {
      const p = page();
      await p.goto(`${ctx.base}/system/options`);
      await p.getByTestId('options-list-customers.category').click();
      const rows = p.locator('[data-testid="options-table"] .el-table__body-wrapper .el-table__row');
      const before = await rows.count();
      if (before < 4) fail(`客户类别 shows ${before} options, expected the 4 built-in ones`);
      await p.getByTestId('options-add').click();
      await p.getByTestId(`option-label-zh-CN-${before}`).fill(LABEL);
      await p.getByTestId('options-save').click();
      await p.locator('.el-message--success').waitFor();
      await p.screenshot({ path: path.join(SHOTS, '60-options.png') });
      const zhTw = await p.getByTestId(`option-label-zh-TW-${before}`).inputValue();
      if (zhTw !== `供應商${stamp}`) fail(`zh-TW label filled as "${zhTw}", expected the traditional script`);
      if (!(await categoryChoices()).includes(LABEL)) fail(`the customer form does not offer ${LABEL}`);
    }],
    ['customers: options — a retired option is no longer offered', async () => {
      const p = page();
      await p.goto(`${ctx.base}/system/options`);
      await p.getByTestId('options-list-customers.category').click();
      const rows = p.locator('[data-testid="options-table"] .el-table__body-wrapper .el-table__row');
      const last = (await rows.count()) - 1;
      await p.getByTestId(`option-active-${last}`).click();
      await p.getByTestId('options-save').click();
      await p.locator('.el-message--success').waitFor();
      if ((await categoryChoices()).includes(LABEL)) fail(`the retired ${LABEL} is still offered`);
    }],
  ];
}
