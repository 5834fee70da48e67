import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Link, Outlet, Route, Routes } from 'react-router-dom';
import { RequireStaff, SessionProvider } from '../features/console/session';
import { useI18n } from './i18n';
import { PortalLayout } from './PortalLayout';

/**
 * Every page is its own chunk, loaded when first opened: a citizen's phone loads the portal only,
 * the console's first screen loads the workbench only, and ECharts comes with the dashboard.
 */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  const Page = lazy(() => load().then((module) => ({ default: pick(module) })));
  return { element: <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}><Page /></Suspense>, preload: load };
}

const consoleLayout = lazyPage(() => import('../features/console/ConsoleLayout'), (m) => m.ConsoleLayout);
const pages = {
  login: lazyPage(() => import('../features/console/LoginPage'), (m) => m.LoginPage),
  workbench: lazyPage(() => import('../features/console/WorkbenchPage'), (m) => m.WorkbenchPage),
  matterList: lazyPage(() => import('../features/console/MatterListPage'), (m) => m.MatterListPage),
  matter: lazyPage(() => import('../features/console/MatterPage'), (m) => m.MatterPage),
  register: lazyPage(() => import('../features/console/RegisterPage'), (m) => m.RegisterPage),
  supervision: lazyPage(() => import('../features/console/SupervisionPage'), (m) => m.SupervisionPage),
  dashboard: lazyPage(() => import('../features/dashboard/DashboardPage'), (m) => m.DashboardPage),
  followUps: lazyPage(() => import('../features/feedback/CallQueuePage'), (m) => m.CallQueuePage),
  appeals: lazyPage(() => import('../features/feedback/AppealsPage'), (m) => m.AppealsPage),
  followUpLink: lazyPage(() => import('../features/feedback/FollowUpLinkPage'), (m) => m.FollowUpLinkPage),
  calendar: lazyPage(() => import('../features/console/CalendarPage'), (m) => m.CalendarPage),
  adminLayout: lazyPage(() => import('../features/admin/CalendarNotice'), (m) => m.AdminLayout),
  units: lazyPage(() => import('../features/admin/UnitsPage'), (m) => m.UnitsPage),
  staff: lazyPage(() => import('../features/admin/StaffPage'), (m) => m.StaffPage),
  kinds: lazyPage(() => import('../features/admin/KindsPage'), (m) => m.KindsPage),
  complaints: lazyPage(() => import('../features/conduct/ComplaintsPage'), (m) => m.ComplaintsPage),
  observations: lazyPage(() => import('../features/conduct/ObservationsPage'), (m) => m.ObservationsPage),
  moderation: lazyPage(() => import('../features/posts/ModerationPage'), (m) => m.ModerationPage),
  board: lazyPage(() => import('../features/posts/BoardPage'), (m) => m.BoardPage),
  mailbox: lazyPage(() => import('../features/posts/MailboxPage'), (m) => m.MailboxPage),
  petitions: lazyPage(() => import('../features/petitions/PetitionsPage'), (m) => m.PetitionsPage),
  petition: lazyPage(() => import('../features/petitions/PetitionSubmitPage'), (m) => m.PetitionSubmitPage),
  home: lazyPage(() => import('../features/portal/HomePage'), (m) => m.HomePage),
  submit: lazyPage(() => import('../features/portal/SubmitPage'), (m) => m.SubmitPage),
  trackLookup: lazyPage(() => import('../features/portal/TrackPage'), (m) => m.TrackLookupPage),
  track: lazyPage(() => import('../features/portal/TrackPage'), (m) => m.TrackPage),
  proposals: lazyPage(() => import('../features/proposals/ProposalsPage'), (m) => m.ProposalsPage),
  receptionConsole: lazyPage(() => import('../features/reception/ReceptionConsolePage'), (m) => m.ReceptionConsolePage),
  reception: lazyPage(() => import('../features/reception/ReceptionPage'), (m) => m.ReceptionPage),
};

// A console page opened directly (a reload, a bookmark): fetch the layout's and the workbench's chunks
// while the session is being checked, not one after the other once it is.
if (window.location.pathname.startsWith('/console')) {
  void consoleLayout.preload();
  if (/^\/console\/?$/.test(window.location.pathname)) void pages.workbench.preload();
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t.notFound} extra={<Link to="/"><Button type="primary">{t.backHome}</Button></Link>} />;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="console" element={<SessionProvider><Outlet /></SessionProvider>}>
          <Route path="login" element={pages.login.element} />
          <Route element={<RequireStaff>{consoleLayout.element}</RequireStaff>}>
            <Route index element={pages.workbench.element} />
            <Route path="matters" element={pages.matterList.element} />
            <Route path="matters/:id" element={pages.matter.element} />
            <Route path="register" element={pages.register.element} />
            <Route path="supervision" element={pages.supervision.element} />
            <Route path="dashboard" element={pages.dashboard.element} />
            <Route path="follow-ups" element={pages.followUps.element} />
            <Route path="appeals" element={pages.appeals.element} />
            <Route path="moderation" element={pages.moderation.element} />
            <Route path="complaints" element={pages.complaints.element} />
            <Route path="observations" element={pages.observations.element} />
            <Route path="petitions" element={pages.petitions.element} />
            <Route path="proposals" element={pages.proposals.element} />
            <Route path="reception" element={pages.receptionConsole.element} />
            <Route path="admin/calendar" element={pages.calendar.element} />
            {/* The units, staff and kinds pages share the holiday-calendar reminder, fetched once for them. */}
            <Route path="admin" element={pages.adminLayout.element}>
              <Route path="units" element={pages.units.element} />
              <Route path="staff" element={pages.staff.element} />
              <Route path="kinds" element={pages.kinds.element} />
              <Route index element={<NotFound />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
        <Route element={<PortalLayout />}>
          <Route index element={pages.home.element} />
          <Route path="submit" element={pages.submit.element} />
          <Route path="board" element={pages.board.element} />
          <Route path="mailbox" element={pages.mailbox.element} />
          <Route path="petition" element={pages.petition.element} />
          <Route path="reception" element={pages.reception.element} />
          <Route path="track" element={pages.trackLookup.element} />
          <Route path="track/:code" element={pages.track.element} />
          <Route path="f/:token" element={pages.followUpLink.element} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
