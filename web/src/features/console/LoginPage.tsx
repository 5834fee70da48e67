import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api-client';
import { consoleApi } from './console-api';
import { useSession } from './session';

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const c = t.console;
  const { staff, login } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (staff) return <Navigate to={from ?? '/console'} replace />;

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    try {
      login(await consoleApi.login(values.username, values.password));
      navigate(from && from !== '/console/login' ? from : '/console', { replace: true });
    } catch (error) {
      // The server's message is already in the user's language (wrong password, locked for N minutes, disabled).
      message.error(error instanceof ApiError ? error.message : t.errors.unknown);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 12 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>{c.title}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{c.login.title}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={c.login.username} rules={[{ required: true, message: c.login.usernameRequired }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={c.login.password} rules={[{ required: true, message: c.login.passwordRequired }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{c.login.submit}</Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button type="link" size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t.language}</Button>
        </div>
      </Card>
    </div>
  );
}
