import { Button, Layout } from 'antd';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useI18n } from './i18n';

const { Header, Content, Footer } = Layout;

const navStyle = ({ isActive }: { isActive: boolean }) => ({
  color: isActive ? '#fff' : 'rgba(255,255,255,0.75)', fontWeight: isActive ? 600 : 400, whiteSpace: 'nowrap' as const,
});

/** Mobile first: one column, at most 720 px wide, a header whose links all fit a 375-px screen (no overflow menu). */
export function PortalLayout() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '0 12px', height: 56, lineHeight: '56px', background: '#1d4e89' }}>
        <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }}>{t.appName}</Link>
        <nav style={{ flex: 1, minWidth: 0, display: 'flex', gap: 14, marginInlineStart: 8 }}>
          <NavLink to="/" end style={navStyle}>{t.nav.home}</NavLink>
          <NavLink to="/submit" style={navStyle}>{t.nav.submit}</NavLink>
          <NavLink to="/track" style={navStyle}>{t.nav.track}</NavLink>
        </nav>
        <Button size="small" ghost autoInsertSpace={false} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} lang={locale === 'en' ? 'zh-CN' : 'en'}>
          {t.language}
        </Button>
      </Header>
      <Content style={{ padding: '16px 12px' }}>
        <div style={{ maxWidth: 720, margin: '0 auto' }}>
          <Outlet />
        </div>
      </Content>
      <Footer style={{ textAlign: 'center', padding: '12px', color: '#888' }}>{t.bureau}</Footer>
    </Layout>
  );
}
