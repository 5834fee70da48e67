import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import 'antd/dist/antd.css';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, useState } from 'react';
import { configureApi, type Locale } from '../lib/api-client';
import { I18nContext, MESSAGES, storedLocale, storeLocale } from './i18n';
import { AppRouter } from './router';

function applyLocale(locale: Locale) {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  configureApi(locale, MESSAGES[locale].errors);
  document.documentElement.lang = locale;
}

const initial = storedLocale();
applyLocale(initial);

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initial);
  const value = useMemo(() => ({
    locale,
    t: MESSAGES[locale],
    setLocale: (next: Locale) => {
      storeLocale(next);
      applyLocale(next);
      setLocaleState(next);
    },
  }), [locale]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCNAntd} theme={{ zeroRuntime: true, token: { colorPrimary: '#1d4e89', borderRadius: 6 } }}>
        <AntApp>
          <AppRouter />
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
