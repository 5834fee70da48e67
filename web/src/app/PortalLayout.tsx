import { Button, Layout } from 'antd';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useI18n } from './i18n';
import { usePostsText } from '../features/posts/posts-api';
import { receptionEn } from '../locales/reception.en';
import { receptionZh } from '../locales/reception.zh-CN';

const { Header, Content, Footer } = Layout;

const navStyle = ({ isActive }: { isActive: boolean }) => ({
  color: isActive ? '#fff' : 'rgba(255,255,255,0.75)', fontWeight: isActive ? 600 : 400, whiteSpace: 'nowrap' as const,
});

/**
 * Mobile first: one column, at most 720 px wide, a header whose links all fit a 375-px screen (no overflow menu):
 * two-character links for the channels people use most; every channel is on the home page. Should a longer
 * language not fit, the links scroll sideways rather than wrap under the header.
 */
export function PortalLayout() {
  const { t, locale, setLocale } = useI18n();
  const nav = usePostsText().nav;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '0 12px', height: 56, lineHeight: '56px', background: '#1d4e89' }}>
        <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }}>{t.appName}</Link>
        <nav style={{ flex: 1, minWidth: 0, display: 'flex', gap: 12, marginInlineStart: 4, overflowX: 'auto', scrollbarWidth: 'none' }}>
          <NavLink to="/" end style={navStyle}>{nav.home}</NavLink>
          <NavLink to="/board" style={navStyle}>{nav.board}</NavLink>
          <NavLink to="/mailbox" style={navStyle}>{nav.mailbox}</NavLink>
          <NavLink to="/reception" style={navStyle}>{locale === 'en' ? receptionEn.nav : receptionZh.nav}</NavLink>
          <NavLink to="/track" style={navStyle}>{nav.track}</NavLink>
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
