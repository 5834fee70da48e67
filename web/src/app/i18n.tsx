import { createContext, useContext } from 'react';
import type { Locale } from '../lib/api-client';
import { en } from '../locales/en';
import { zhCN, type Messages } from '../locales/zh-CN';

export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'jingmin.locale';

export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function storeLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export const I18nContext = createContext<{ locale: Locale; t: Messages; setLocale: (l: Locale) => void }>({
  locale: 'zh-CN', t: zhCN, setLocale: () => {},
});

export const useI18n = () => useContext(I18nContext);

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}
