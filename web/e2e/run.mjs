// End-to-end flow in Debian's Chromium through playwright-core (no browser download).
// Starts the real server on a fresh SQLite database unless KEHU_E2E_URL points at a running one
// (then KEHU_E2E_PASSWORD is the admin password). Screenshots go to test-output/e2e/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { adminAndRepSteps } from './admin-and-rep.mjs';
import { customerSteps } from './customers.mjs';
import { listSteps } from './lists.mjs';
import { reviewMergeSteps } from './review-merge.mjs';
import { optionSteps } from './options.mjs';
import { notificationSteps } from './notifications.mjs';
import { approvalSteps } from './approvals.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-output/e2e');
const KEHU = process.env.KEHU_BINARY || path.join(ROOT, 'build/kehu');
const DIST = path.join(ROOT, 'web/dist');
const STEP_TIMEOUT_MS = 15000;
const stamp = Date.now().toString(36);
const CUSTOMER = `端到端测试客户${stamp}`;
const CONTACT = `测试联系人${stamp}`;

class StepError extends Error {}
const fail = (message) => {
  throw new StepError(message);
};
// A step that cannot run against this server (an endpoint not built yet): reported, not failed.
class SkipStep extends Error {}
const skip = (message) => {
  throw new SkipStep(message);
};

async function startServer() {
  if (process.env.KEHU_E2E_URL) {
    return { base: process.env.KEHU_E2E_URL.replace(/\/$/, ''), password: process.env.KEHU_E2E_PASSWORD ?? '', stop() {} };
  }
  if (!fs.existsSync(KEHU)) fail(`server binary ${KEHU} not found: build it first (make build)`);
  if (!fs.existsSync(path.join(DIST, 'index.html'))) fail(`${DIST}/index.html not found: run npm run build in web/`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-e2e-'));
  const db = `sqlite:${path.join(tmp, 'e2e.db')}`;
  const password = `E2e-${stamp}-Pw!`;
  const init = spawnSync(KEHU, ['init', '--db', db, '--admin-password', password], { encoding: 'utf8', timeout: 60000 });
  if (init.status !== 0) fail(`kehu init failed (exit ${init.status}): ${init.stderr || init.stdout}`);
  const proc = spawn(KEHU, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--static', DIST], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new StepError(`server did not print its address within 30 s:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c) => (output += c));
    proc.on('exit', (code) => reject(new StepError(`server exited early (code ${code}):\n${output}`)));
    proc.on('error', (e) => reject(new StepError(`cannot start ${KEHU}: ${e.message}`)));
  });
  return {
    base,
    password,
    stop() {
      proc.kill('SIGTERM');
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// Fills every required, editable, empty field of the open form with a plausible value.
async function fillRequired(page, entity, values) {
  for (const field of entity.fields) {
    const editable = field.editable !== false && !field.readOnly && field.type !== 'file';
    const wanted = Object.hasOwn(values, field.name);
    if (!editable || (!field.required && !wanted) || values[field.name] === null) continue;
    const item = page.locator(`[data-field="${field.name}"]`);
    const value = values[field.name];
    switch (field.type) {
      case 'enum':
      case 'multienum':
      case 'relation':
      case 'user':
        await item.locator('.el-select').click();
        await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').first().click();
        if (field.type === 'multienum') await page.keyboard.press('Escape');
        break;
      case 'boolean':
        break;
      case 'integer':
      case 'decimal':
      case 'money':
        await item.locator('.el-input-number input').fill(String(value ?? 100));
        break;
      case 'date':
        await item.locator('input').fill(value ?? '2024-01-15');
        await item.locator('input').press('Enter');
        break;
      case 'datetime':
        await item.locator('input').fill(value ?? '2024-01-15 10:00:00');
        await item.locator('input').press('Enter');
        break;
      case 'email':
        await item.locator('input').fill(value ?? `e2e${stamp}@example.cn`);
        break;
      case 'phone':
        await item.locator('input').fill(value ?? '13800138000');
        break;
      case 'url':
        await item.locator('input').fill(value ?? 'https://example.cn');
        break;
      default:
        await item.locator('input, textarea').first().fill(value ?? `E2E ${stamp}`);
    }
  }
}

// Saves the form, accepting a confirmation_required prompt if the server asks.
async function saveForm(page, entityName) {
  await page.getByTestId('form-save').click();
  const detail = new RegExp(`/r/${entityName}/(\\d+)$`);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const m = page.url().match(detail);
    if (m) return Number(m[1]);
    const warnings = page.locator('[data-testid="confirm-warnings"]:visible');
    if (await warnings.count()) await warnings.getByTestId('confirm-save').click();
    const errors = await page.locator('.el-form-item__error').allTextContents();
    if (errors.length) fail(`form shows errors: ${errors.join('; ')}`);
    await page.waitForTimeout(200);
  }
  fail(`saving ${entityName} did not open the detail page (still at ${page.url()})`);
}

async function main() {
  const results = [];
  let server = null;
  let browser = null;
  const consoleErrors = [];
  const ctx = {};
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.rmSync(path.join(SHOTS, 'failure.png'), { force: true });

  const steps = [
    ['start server', async () => {
      server = await startServer();
      ctx.base = server.base;
      // A fresh profile each run; playwright wants it as the persistent context's directory.
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync'],
        viewport: { width: 1280, height: 800 },
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      browser = { close: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); } };
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      ctx.page = context.pages()[0] ?? (await context.newPage());
      ctx.page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
      ctx.page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        // Before login, /auth/me answers 401 by contract; Chromium logs that as a failed load.
        if (/\/api\/v1\/auth\/me$/.test(msg.location().url ?? '') && msg.text().includes('401')) return;
        // Steps that provoke a server refusal on purpose list it here while they run.
        if ((ctx.expectedConsole ?? []).some((re) => re.test(`${msg.text()} ${msg.location().url ?? ''}`))) return;
        consoleErrors.push(`console error: ${msg.text()} (${msg.location().url ?? ''})`);
      });
    }],
    ['log in as admin', async () => {
      const { page } = ctx;
      await page.goto(`${ctx.base}/login`);
      await page.locator('input[name="username"]').fill('admin');
      await page.locator('input[name="password"]').fill(server.password);
      await page.screenshot({ path: path.join(SHOTS, '01-login.png') });
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.getByTestId('status-line').waitFor();
      ctx.meta = await (await page.request.get(`${ctx.base}/api/v1/meta`)).json();
      ctx.customers = ctx.meta.entities.find((e) => e.name === 'customers') ?? fail('meta has no customers entity');
      ctx.contacts = ctx.meta.entities.find((e) => e.name === 'contacts') ?? fail('meta has no contacts entity');
      await page.screenshot({ path: path.join(SHOTS, '02-home.png') });
    }],
    ['open the customers list', async () => {
      const { page } = ctx;
      await page.locator('.el-menu-item', { hasText: ctx.customers.labels['zh-CN'] }).first().click();
      await page.waitForURL(/\/r\/customers$/);
      await page.locator('.el-table').waitFor();
      await page.waitForFunction(() => !document.querySelector('.table-wrap .el-loading-mask'));
      await page.screenshot({ path: path.join(SHOTS, '03-customers-list.png') });
    }],
    ['create a customer', async () => {
      const { page } = ctx;
      await page.getByTestId('list-create').click();
      await page.waitForURL(/\/r\/customers\/new$/);
      await fillRequired(page, ctx.customers, { [ctx.customers.titleField]: CUSTOMER });
      await page.screenshot({ path: path.join(SHOTS, '04-customer-form.png'), fullPage: true });
      ctx.customerId = await saveForm(page, 'customers');
      const title = await page.getByTestId('record-title').textContent();
      if (title?.trim() !== CUSTOMER) fail(`detail title is "${title}", expected "${CUSTOMER}"`);
      await page.screenshot({ path: path.join(SHOTS, '05-customer-detail.png') });
    }],
    ['add a contact to the customer', async () => {
      const { page } = ctx;
      const via = ctx.contacts.fields.find((f) => f.type === 'relation' && f.target === 'customers');
      if (!via) fail('contacts has no relation field to customers');
      await page.locator('[id="tab-related:contacts"]').click();
      await page.locator('[data-testid^="related-create-contacts"]').first().click();
      await page.waitForURL(/\/r\/contacts\/new\?/);
      await fillRequired(page, ctx.contacts, { [ctx.contacts.titleField]: CONTACT, [via.name]: null });
      await saveForm(page, 'contacts');
      await page.goto(`${ctx.base}/r/customers/${ctx.customerId}`);
      await page.locator('[id="tab-related:contacts"]').click();
      await page.locator('.related-list .el-table__row', { hasText: CONTACT }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, '06-customer-contacts.png') });
    }],
    ['find the customer with global search', async () => {
      const { page } = ctx;
      await page.goto(`${ctx.base}/`);
      const input = page.getByTestId('global-search').locator('input');
      await input.fill(CUSTOMER);
      await page.locator('.global-search .item', { hasText: CUSTOMER }).first().waitFor();
      await page.screenshot({ path: path.join(SHOTS, '07-search.png') });
      await input.press('Enter');
      await page.waitForURL(new RegExp(`/r/customers/${ctx.customerId}$`));
    }],
    ['edit the customer', async () => {
      const { page } = ctx;
      await page.getByTestId('detail-edit').click();
      await page.waitForURL(/\/edit$/);
      ctx.renamed = `${CUSTOMER}（已编辑）`;
      const input = page.locator(`[data-field="${ctx.customers.titleField}"] input`);
      await input.waitFor();
      await page.waitForFunction(() => !document.querySelector('.form-card .el-loading-mask'));
      await input.fill(ctx.renamed);
      await saveForm(page, 'customers');
      await page.getByTestId('record-title').filter({ hasText: ctx.renamed }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, '08-customer-edited.png') });
    }],
    ['delete the customer', async () => {
      const { page } = ctx;
      await page.getByTestId('detail-delete').click();
      await page.locator('.el-message-box:visible .el-button--danger').click();
      await page.waitForURL(/\/r\/customers$/);
      // page.request shares the session cookie without logging the expected 404 as a console error.
      const gone = (await page.request.get(`${ctx.base}/api/v1/customers/${ctx.customerId}`)).status();
      if (gone !== 404) fail(`deleted customer still answers ${gone}`);
    }],
    ['restore it from the recycle bin', async () => {
      const { page } = ctx;
      await page.goto(`${ctx.base}/system/recycle-bin`);
      const row = page.locator('[data-testid="recycle-table"] .el-table__row', { hasText: ctx.renamed });
      await row.waitFor();
      await page.screenshot({ path: path.join(SHOTS, '09-recycle-bin.png') });
      await row.getByTestId('recycle-restore').click();
      await page.locator('.el-message--success').waitFor();
      await page.goto(`${ctx.base}/r/customers/${ctx.customerId}`);
      await page.getByTestId('record-title').filter({ hasText: ctx.renamed }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, '10-restored.png') });
    }],
    ...adminAndRepSteps(ctx, {
      SHOTS, stamp, fail, fillRequired, saveForm, external: !!process.env.KEHU_E2E_URL, adminPassword: () => server.password,
    }),
    ...listSteps(ctx, { SHOTS, stamp, fail }),
    ...customerSteps(ctx, { SHOTS, stamp, fail, skip }),
    ...reviewMergeSteps(ctx, { SHOTS, stamp, fail, fillRequired, saveForm, adminPassword: () => server.password }),
    ...approvalSteps(ctx, { SHOTS, stamp, fail, skip, adminPassword: () => server.password }),
    ...optionSteps(ctx, { SHOTS, stamp, fail }),
    ...notificationSteps(ctx, { SHOTS, stamp, fail, skip, adminPassword: () => server.password }),
  ];

  // KEHU_E2E_ONLY=customers runs the start-up steps and the steps whose names start with it.
  // A comma list picks several prefixes ("customers: review,customers: merge").
  const only = process.env.KEHU_E2E_ONLY?.split(',').filter(Boolean);
  const chosen = only?.length ? steps.filter(([name], i) => i < 2 || only.some((o) => name.startsWith(o))) : steps;
  let failed = false;
  for (const [name, run] of chosen) {
    if (failed) {
      results.push({ name, status: 'skipped' });
      continue;
    }
    const before = consoleErrors.length;
    try {
      await run();
      await ctx.page?.waitForTimeout(100);
      const fresh = consoleErrors.slice(before);
      if (fresh.length) fail(fresh.join('\n'));
      results.push({ name, status: 'passed' });
      console.log(`ok   ${name}`);
    } catch (e) {
      if (e instanceof SkipStep) {
        results.push({ name, status: 'skipped' });
        console.log(`SKIP ${name}: ${e.message}`);
        continue;
      }
      failed = true;
      results.push({ name, status: 'failed' });
      console.log(`FAIL ${name}: ${e instanceof StepError ? e.message : e.stack ?? e}`);
      await ctx.page?.screenshot({ path: path.join(SHOTS, 'failure.png'), fullPage: true }).catch(() => undefined);
    }
  }

  await browser?.close().catch(() => undefined);
  server?.stop();
  const count = (s) => results.filter((r) => r.status === s).length;
  const skipped = count('skipped');
  console.log(`${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

await main();
