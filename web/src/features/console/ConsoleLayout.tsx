import { AlertOutlined, PhoneOutlined, StarOutlined, AppstoreOutlined, BarChartOutlined, CalendarOutlined, FormOutlined, MenuOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { BankOutlined, ScheduleOutlined } from '@ant-design/icons';
import { proposalsZh } from '../../locales/proposals.zh-CN';
import { proposalsEn } from '../../locales/proposals.en';
import { receptionZh } from '../../locales/reception.zh-CN';
import { receptionEn } from '../../locales/reception.en';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { mayGeneral } from '../../../../common/access';
import { useI18n } from '../../app/i18n';
import { useSession } from './session';
import { useConductMessages } from '../conduct/conduct-api';
import { MessageOutlined } from '@ant-design/icons';
import { usePostsText } from '../posts/posts-api';
import { usePetitionMessages } from '../petitions/messages';
import { AuditOutlined } from '@ant-design/icons';

const { Sider, Header, Content } = Layout;
const NARROW = '(max-width: 991.98px)'; // AntD's lg breakpoint

/** Desktop: a fixed Sider. Phone (below lg): the Sider collapses to nothing and the header's trigger opens it. */
export function ConsoleLayout() {
  const { t, locale, setLocale } = useI18n();
  const c = t.console;
  const { staff, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // Start in the right state on a phone, so that the menu does not cover the page while it collapses.
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  const [collapsed, setCollapsed] = useState(narrow);
  const conduct = useConductMessages();
  const posts = usePostsText();
  const petitionText = usePetitionMessages();
  if (!staff) return null;
  // A conduct supervisor (警风警纪监督员) has no workbench: their console is their observations.
  if (location.pathname.replace(/\/$/, '') === '/console' && !mayGeneral(staff.roles, 'matter.list') && mayGeneral(staff.roles, 'observation.file')) {
    return <Navigate to="/console/observations" replace />;
  }

  // Only pages that exist and that the roles allow.
  const items = [
    ...(mayGeneral(staff.roles, 'matter.list')
      ? [
          { key: '/console', icon: <AppstoreOutlined />, label: c.menu.workbench },
          { key: '/console/matters', icon: <UnorderedListOutlined />, label: c.menu.matters },
        ]
      : []),
    ...(mayGeneral(staff.roles, 'matter.register') ? [{ key: '/console/register', icon: <FormOutlined />, label: c.menu.register }] : []),
    ...(mayGeneral(staff.roles, 'supervision.list') ? [{ key: '/console/supervision', icon: <AlertOutlined />, label: c.menu.supervision }] : []),
    ...(mayGeneral(staff.roles, 'petition.manage') ? [{ key: '/console/petitions', icon: <AuditOutlined />, label: petitionText.menu }] : []),
    ...(mayGeneral(staff.roles, 'proposal.manage') ? [{ key: '/console/proposals', icon: <BankOutlined />, label: (locale === 'en' ? proposalsEn : proposalsZh).menu }] : []),
    ...(mayGeneral(staff.roles, 'reception.manage') ? [{ key: '/console/reception', icon: <ScheduleOutlined />, label: (locale === 'en' ? receptionEn : receptionZh).console.menu }] : []),
    ...(mayGeneral(staff.roles, 'stats.read') ? [{ key: '/console/dashboard', icon: <BarChartOutlined />, label: c.dashboard.menu }] : []),
    // 电话回访 is the command centre's: a station leader holds the role but not the queue.
    ...(mayGeneral(staff.roles, 'followUp.call') && staff.unit.kind === 'command_centre' ? [{ key: '/console/follow-ups', icon: <PhoneOutlined />, label: t.feedback.queue.menu }] : []),
    ...(mayGeneral(staff.roles, 'rating.decideAppeal') ? [{ key: '/console/appeals', icon: <StarOutlined />, label: t.feedback.appeals.menu }] : []),
    ...(mayGeneral(staff.roles, 'posts.moderate') ? [{ key: '/console/moderation', icon: <MessageOutlined />, label: posts.moderation.menu }] : []),
    ...(mayGeneral(staff.roles, 'complaint.manage') ? [{ key: '/console/complaints', icon: <SafetyCertificateOutlined />, label: conduct.menu.complaints }] : []),
    ...(mayGeneral(staff.roles, 'observation.file') ? [
      { key: '/console/observations', icon: <EyeOutlined />, label: conduct.menu.observations },
    ] : []),
    ...(mayGeneral(staff.roles, 'admin.manage') ? [{
      key: 'admin', icon: <SettingOutlined />, label: c.admin.menu.group, children: [
        { key: '/console/admin/units', label: c.admin.menu.units },
        { key: '/console/admin/staff', label: c.admin.menu.staff },
        { key: '/console/admin/kinds', label: c.admin.menu.kinds },
        { key: '/console/admin/calendar', icon: <CalendarOutlined />, label: c.admin.menu.calendar },
      ],
    }] : []),
  ];
  const selected = location.pathname;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg" collapsedWidth={0} collapsible trigger={null} collapsed={collapsed}
        onBreakpoint={(broken) => { setNarrow(broken); setCollapsed(broken); }}
        width={200} style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0 } : undefined}
        data-testid="console-sider"
      >
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: '16px', whiteSpace: 'nowrap' }}>{c.title}</div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items}
          // Opened at the start on an admin page; not while collapsed on a phone, where an open submenu would pop up over the page.
          defaultOpenKeys={!collapsed && selected.startsWith('/console/admin/') ? ['admin'] : []}
          onClick={({ key }) => { navigate(key); if (narrow) setCollapsed(true); }} />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 12px', display: 'flex', alignItems: 'center', gap: 8, height: 'auto', minHeight: 56, lineHeight: 1.4, flexWrap: 'wrap' }}>
          {narrow && <Button type="text" icon={<MenuOutlined />} aria-label="menu" data-testid="menu-toggle" onClick={() => setCollapsed(!collapsed)} />}
          <div style={{ flex: 1, minWidth: 0, padding: '8px 0' }} data-testid="console-user">
            <Typography.Text strong>{staff.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{staff.unit.name}</Typography.Text>
            <Space size={2} wrap style={{ marginInlineStart: 8 }}>
              {staff.roles.map((r) => <Tag key={r} color="blue">{c.roles[r] ?? r}</Tag>)}
            </Space>
          </div>
          <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t.language}</Button>
          <Button size="small" onClick={() => void logout()}>{c.logout}</Button>
        </Header>
        {narrow && !collapsed && <div onClick={() => setCollapsed(true)} style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.3)', zIndex: 19 }} />}
        <Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
