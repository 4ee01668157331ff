import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import zhCN from '@/locales/zh-CN';
import { ApiError } from '@/api/client';
import { errorMessage, formatWait } from './errors';

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } });
const t = (k: string, v?: Record<string, unknown>) => i18n.global.t(k, v ?? {});

describe('errorMessage', () => {
  it('prefers the server message, then a status-specific text', () => {
    expect(errorMessage(new ApiError({ status: 422, code: 'validation_failed', message: '名称不能为空' }), t)).toBe('名称不能为空');
    expect(errorMessage(new ApiError({ status: 0, code: 'network_error', message: '' }), t)).toBe(zhCN.errors.network);
    expect(errorMessage(new ApiError({ status: 403, code: 'http_403', message: '' }), t)).toBe(zhCN.errors.forbidden);
    expect(errorMessage(new ApiError({ status: 503, code: 'http_503', message: '' }), t)).toBe('服务器出错（503），请稍后重试');
  });

  it('formats waits for the 429 message', () => {
    expect(formatWait(45, t)).toBe('45 秒');
    expect(formatWait(300, t)).toBe('5 分钟');
    expect(formatWait(90, t)).toBe('1 分 30 秒');
  });
});
