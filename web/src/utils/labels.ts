import type { Labels, LocaleCode } from '@/api/types';

const FALLBACK: Record<LocaleCode, LocaleCode[]> = {
  'zh-CN': ['zh-CN', 'zh-TW', 'en'],
  'zh-TW': ['zh-TW', 'zh-CN', 'en'],
  en: ['en', 'zh-CN', 'zh-TW'],
};

/** The label in `locale`, falling back to the closest language, then to `fallback`. */
export function pickLabel(labels: Labels | undefined, locale: string, fallback = ''): string {
  if (!labels) return fallback;
  const order = FALLBACK[locale as LocaleCode] ?? FALLBACK['zh-CN'];
  for (const code of order) {
    const text = labels[code];
    if (text) return text;
  }
  return fallback;
}
