import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import zhTW from './zh-TW';
import en from './en';
import { setRequestLocale } from '@/api/client';
import { setDayjsLocale } from '@/utils/time';

export type MessageSchema = typeof zhCN;
export type AppLocale = 'zh-CN' | 'zh-TW' | 'en';

export const LOCALES: AppLocale[] = ['zh-CN', 'zh-TW', 'en'];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';
const STORAGE_KEY = 'kehu.locale';

export const messages: Record<AppLocale, MessageSchema> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as string[]).includes(value);
}

export function savedLocale(): AppLocale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage may be blocked; fall back to the default.
  }
  return DEFAULT_LOCALE;
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages,
});

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  setRequestLocale(locale);
  setDayjsLocale(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted; the choice still applies to this tab.
  }
}

export function currentLocale(): AppLocale {
  return i18n.global.locale.value;
}
