import { Button, Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Outlet, Route, Routes } from 'react-router-dom';
import { CalendarPage } from '../features/console/CalendarPage';
import { ConsoleLayout } from '../features/console/ConsoleLayout';
import { LoginPage } from '../features/console/LoginPage';
import { MatterListPage } from '../features/console/MatterListPage';
import { MatterPage } from '../features/console/MatterPage';
import { RegisterPage } from '../features/console/RegisterPage';
import { RequireStaff, SessionProvider } from '../features/console/session';
import { SupervisionPage } from '../features/console/SupervisionPage';
import { WorkbenchPage } from '../features/console/WorkbenchPage';
import { HomePage } from '../features/portal/HomePage';
import { SubmitPage } from '../features/portal/SubmitPage';
import { TrackLookupPage, TrackPage } from '../features/portal/TrackPage';
import { useI18n } from './i18n';

// ECharts comes with the dashboard only: its own chunk, loaded when the page is first opened.
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
import { PortalLayout } from './PortalLayout';

// The administration pages are for a few administrators: their own chunk, loaded when first opened.
const UnitsPage = lazy(() => import('../features/admin/UnitsPage').then((m) => ({ default: m.UnitsPage })));
const StaffPage = lazy(() => import('../features/admin/StaffPage').then((m) => ({ default: m.StaffPage })));
const KindsPage = lazy(() => import('../features/admin/KindsPage').then((m) => ({ default: m.KindsPage })));

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t.notFound} extra={<Link to="/"><Button type="primary">{t.backHome}</Button></Link>} />;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="console" element={<SessionProvider><Outlet /></SessionProvider>}>
          <Route path="login" element={<LoginPage />} />
          <Route element={<RequireStaff><ConsoleLayout /></RequireStaff>}>
            <Route index element={<WorkbenchPage />} />
            <Route path="matters" element={<MatterListPage />} />
            <Route path="matters/:id" element={<MatterPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="supervision" element={<SupervisionPage />} />
            <Route path="dashboard" element={<Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}><DashboardPage /></Suspense>} />
            <Route path="admin/calendar" element={<CalendarPage />} />
            <Route path="admin/units" element={<Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}><UnitsPage /></Suspense>} />
            <Route path="admin/staff" element={<Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}><StaffPage /></Suspense>} />
            <Route path="admin/kinds" element={<Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}><KindsPage /></Suspense>} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
        <Route element={<PortalLayout />}>
          <Route index element={<HomePage />} />
          <Route path="submit" element={<SubmitPage />} />
          <Route path="track" element={<TrackLookupPage />} />
          <Route path="track/:code" element={<TrackPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
