/**
 * The administration area's reminder to load next year's holiday calendar (国务院办公厅 notice, usually out
 * in November). The calendar page itself warns only once a deadline needs the missing year; this warns before.
 */
import { Alert, Button, Space } from 'antd';
import dayjs from 'dayjs';
import { Outlet, useNavigate } from 'react-router-dom';
import { fill, useI18n } from '../../app/i18n';
import { useLoad } from '../portal/useLoad';
import { consoleApi } from '../console/console-api';

export function CalendarNotice() {
  const { t } = useI18n();
  const a = t.console.admin;
  const navigate = useNavigate();
  const state = useLoad(() => consoleApi.calendar(), []);
  const next = dayjs().year() + 1;
  if (!state.data || state.data.years.some((y) => y.year === next)) return null;
  return (
    <Alert type="warning" showIcon data-testid="admin-calendar-missing" title={fill(a.calendarMissing, { year: next })}
      action={<Button size="small" onClick={() => navigate('/console/admin/calendar')}>{a.calendarGo}</Button>} />
  );
}

/** The layout of the units, staff and kinds pages: the calendar reminder, loaded once for all three, above the page. */
export function AdminLayout() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CalendarNotice />
      <Outlet />
    </Space>
  );
}
