import { Button, Result } from 'antd';
import { BrowserRouter, Link, Outlet, Route, Routes } from 'react-router-dom';
import { CalendarPage } from '../features/console/CalendarPage';
import { ConsoleLayout } from '../features/console/ConsoleLayout';
import { LoginPage } from '../features/console/LoginPage';
import { MatterPage } from '../features/console/MatterPage';
import { RegisterPage } from '../features/console/RegisterPage';
import { RequireStaff, SessionProvider } from '../features/console/session';
import { SupervisionPage } from '../features/console/SupervisionPage';
import { WorkbenchPage } from '../features/console/WorkbenchPage';
import { HomePage } from '../features/portal/HomePage';
import { SubmitPage } from '../features/portal/SubmitPage';
import { TrackLookupPage, TrackPage } from '../features/portal/TrackPage';
import { useI18n } from './i18n';
import { PortalLayout } from './PortalLayout';

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
            <Route path="matters/:id" element={<MatterPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="supervision" element={<SupervisionPage />} />
            <Route path="admin/calendar" element={<CalendarPage />} />
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
