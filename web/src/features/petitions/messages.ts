import { useI18n } from '../../app/i18n';
import { petitionsEn } from '../../locales/petitions.en';
import { petitionsZh } from '../../locales/petitions.zh-CN';

/** The petition feature's strings in the UI language (kept in its own locale files, loaded with its pages only). */
export function usePetitionMessages() {
  const { locale } = useI18n();
  return locale === 'en' ? petitionsEn : petitionsZh;
}
