import { Button, Result } from 'antd';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
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
