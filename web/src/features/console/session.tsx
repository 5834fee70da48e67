/**
 * The staff session in memory: who is logged in, restored on reload from GET /staff/session; the CSRF
 * token goes to the API client's module state only. A 401 from any staff call ends it and sends the
 * user back to the login page with a message.
 */
import { App, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { setCsrfToken } from '../../lib/api-client';
import { useI18n } from '../../app/i18n';
import { consoleApi, setUnauthorizedHandler, type StaffSession } from './console-api';

type Staff = StaffSession['staff'];
type SessionState = { staff: Staff | null | undefined; login: (s: StaffSession) => void; logout: () => Promise<void> };

const SessionContext = createContext<SessionState>({ staff: undefined, login: () => {}, logout: async () => {} });
export const useSession = () => useContext(SessionContext);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [staff, setStaff] = useState<Staff | null | undefined>(undefined); // undefined: still asking the server
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useI18n();

  const clear = useCallback(() => {
    setCsrfToken(null);
    setStaff(null);
  }, []);

  useEffect(() => {
    let live = true;
    consoleApi.session().then(
      (s) => { if (live) { setCsrfToken(s.csrfToken); setStaff(s.staff); } },
      () => { if (live) clear(); },
    );
    return () => { live = false; };
  }, [clear]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      clear();
      message.warning({ content: t.console.login.expired, key: 'session-expired' });
      navigate('/console/login', { replace: true });
    });
    return () => setUnauthorizedHandler(undefined);
  }, [clear, message, navigate, t]);

  const value = useMemo<SessionState>(() => ({
    staff,
    login: (s) => { setCsrfToken(s.csrfToken); setStaff(s.staff); },
    logout: async () => {
      await consoleApi.logout().catch(() => undefined); // an expired session is logged out already
      clear();
      message.success(t.console.login.loggedOut);
      navigate('/console/login', { replace: true });
    },
  }), [staff, clear, message, navigate, t]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Renders its children only for a logged-in user; otherwise goes to the login page. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { staff } = useSession();
  const location = useLocation();
  if (staff === undefined) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (staff === null) return <Navigate to="/console/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}
