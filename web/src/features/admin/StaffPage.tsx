/**
 * 人员账号 (admin): a server-paged table with search and filters; create, edit (roles, unit, status, name,
 * badge) and reset a password, showing a generated temporary password once with a copy button.
 */
import { Alert, App, Button, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../common/access';
import { BADGE_NO_PATTERN, USERNAME_PATTERN } from '../../../../common/contracts/admin';
import { isStrongPassword } from '../../../../common/passwords';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../console/format';
import { consoleApi } from '../console/console-api';
import { useLoad } from '../portal/useLoad';
import { adminApi, type AdminStaff, type StaffFilters } from './admin-api';

type StaffValues = { username?: string; name: string; badgeNo?: string; unitId: number; roles: Role[]; password?: string; status?: 'active' | 'disabled' };
const USERNAME = new RegExp(USERNAME_PATTERN);
const BADGE_NO = new RegExp(BADGE_NO_PATTERN);

export function StaffPage() {
  const { t } = useI18n();
  const c = t.console;
  const a = c.admin;
  const s = a.staff;
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filters, setFilters] = useState<StaffFilters>({});
  const list = useLoad(() => adminApi.staffPage(page, pageSize, filters), [page, pageSize, JSON.stringify(filters)]);
  // Names and active flags only: the console's unit list, not the admin one (which counts open matters per unit).
  const units = useLoad(() => consoleApi.units(), []);
  const [editing, setEditing] = useState<AdminStaff | 'new' | null>(null);
  const [resetting, setResetting] = useState<AdminStaff | null>(null);
  const [temporary, setTemporary] = useState<{ name: string; password: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<StaffValues>();
  const [resetForm] = Form.useForm<{ mode: 'generate' | 'typed'; password?: string }>();
  const resetMode = Form.useWatch('mode', resetForm);

  const filter = (next: StaffFilters) => { setFilters({ ...filters, ...next }); setPage(1); };
  const roleOptions = ROLES.map((r) => ({ value: r, label: c.roles[r] ?? r }));
  const activeUnits = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  const allUnits = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const required = (label: string) => [{ required: true, message: fill(a.common.required, { label }) }];

  function open(person: AdminStaff | 'new') {
    setEditing(person);
    form.resetFields();
    if (person !== 'new') form.setFieldsValue({ name: person.name, badgeNo: person.badgeNo ?? '', unitId: person.unitId, roles: person.roles, status: person.status });
  }

  async function save(values: StaffValues) {
    setBusy(true);
    try {
      const badgeNo = values.badgeNo?.trim();
      if (editing === 'new') {
        await adminApi.createStaff({
          username: values.username!.trim(), name: values.name.trim(), ...(badgeNo ? { badgeNo } : {}), unitId: values.unitId, roles: values.roles,
          password: values.password!,
        });
        message.success(fill(s.created, { name: values.name.trim() }));
      } else if (editing) {
        await adminApi.updateStaff(editing.id, { name: values.name.trim(), badgeNo: badgeNo || null, unitId: values.unitId, roles: values.roles, status: values.status });
        message.success(a.common.saved);
      }
      setEditing(null);
      list.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      applyFieldErrors(form, error, ['username', 'name', 'badgeNo', 'unitId', 'roles', 'password', 'status']);
      message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  async function reset(values: { mode: 'generate' | 'typed'; password?: string }) {
    if (!resetting) return;
    setBusy(true);
    try {
      const done = await adminApi.resetPassword(resetting.id, values.mode === 'typed' ? values.password : undefined);
      if (done.temporaryPassword) setTemporary({ name: resetting.name, password: done.temporaryPassword });
      else message.success(s.resetDone);
      setResetting(null);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      applyFieldErrors(resetForm, error, ['password']);
      message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{s.title}</Typography.Title>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Space wrap>
        <Input.Search allowClear placeholder={s.search} style={{ width: 220 }} maxLength={32} data-testid="staff-search"
          onSearch={(q) => filter({ q: q.trim() || undefined })} />
        <Select allowClear placeholder={s.unit} style={{ width: 180 }} options={allUnits} showSearch optionFilterProp="label"
          onChange={(unitId?: number) => filter({ unitId })} />
        <Select allowClear placeholder={s.role} style={{ width: 140 }} options={roleOptions} onChange={(role?: Role) => filter({ role })} />
        <Select allowClear placeholder={s.status} style={{ width: 110 }} onChange={(status?: 'active' | 'disabled') => filter({ status })}
          options={Object.entries(s.statuses).map(([value, label]) => ({ value, label }))} />
        <Button type="primary" onClick={() => open('new')} data-testid="staff-create">{a.common.create}</Button>
      </Space>
      <Table<AdminStaff>
        data-testid="staff-table" rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 'max-content' }}
        pagination={{
          current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => fill(s.total, { total }),
          onChange: (p, size) => { setPage(size !== pageSize ? 1 : p); setPageSize(size); },
        }}
        columns={[
          { title: s.name, dataIndex: 'name' },
          { title: s.username, dataIndex: 'username' },
          { title: s.badgeNo, dataIndex: 'badgeNo', render: (v: string | null) => v ?? a.common.none },
          { title: s.unit, dataIndex: 'unitName' },
          { title: s.roles, dataIndex: 'roles', render: (roles: Role[]) => <Space size={2} wrap>{roles.map((r) => <Tag key={r}>{c.roles[r] ?? r}</Tag>)}</Space> },
          { title: s.status, dataIndex: 'status', render: (v: string, r) => (
            <Space size={2} wrap>
              <Tag color={v === 'active' ? 'green' : 'default'}>{s.statuses[v] ?? v}</Tag>
              {r.lockedUntil && new Date(r.lockedUntil) > new Date() && <Tag color="red">{fill(s.locked, { at: fmtTime(r.lockedUntil) })}</Tag>}
            </Space>) },
          { title: s.passwordChangedAt, dataIndex: 'passwordChangedAt', render: fmtTime },
          { title: '', key: 'actions', fixed: 'right', render: (_, r) => (
            <Space size={4}>
              <Button size="small" onClick={() => open(r)} data-testid={`staff-edit-${r.username}`}>{a.common.edit}</Button>
              <Button size="small" onClick={() => { setResetting(r); resetForm.resetFields(); }} data-testid={`staff-reset-${r.username}`}>{s.reset}</Button>
            </Space>) },
        ]}
      />

      <Drawer
        open={editing !== null} onClose={() => setEditing(null)} size={Math.min(480, window.innerWidth)} destroyOnHidden
        title={editing === 'new' ? s.createTitle : editing ? fill(s.editTitle, { name: editing.name }) : ''}
        extra={<Space><Button onClick={() => setEditing(null)}>{a.common.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="staff-save">{a.common.save}</Button></Space>}
      >
        <Form<StaffValues> form={form} name="staff" layout="vertical" onFinish={save} data-testid="staff-form">
          {editing === 'new' && (
            <Form.Item name="username" label={s.username} extra={s.usernameHint}
              rules={[...required(s.username), { pattern: USERNAME, message: s.usernameHint }]}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="name" label={s.name} rules={[...required(s.name), { whitespace: true }, { min: 2, max: 20 }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="badgeNo" label={s.badgeNo} rules={[{ pattern: BADGE_NO }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="unitId" label={s.unit} rules={required(s.unit)}>
            <Select showSearch optionFilterProp="label" options={activeUnits} />
          </Form.Item>
          <Form.Item name="roles" label={s.roles} rules={required(s.roles)}>
            <Select mode="multiple" options={roleOptions} />
          </Form.Item>
          {editing === 'new' ? (
            <Form.Item name="password" label={s.password} extra={s.passwordHint}
              rules={[...required(s.password), { validator: async (_, v?: string) => { if (v && !isStrongPassword(v)) throw new Error(s.passwordHint); } }]}>
              <Input.Password maxLength={128} autoComplete="new-password" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="status" label={s.status}>
                <Radio.Group options={Object.entries(s.statuses).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Typography.Paragraph type="secondary">{s.changeNote}</Typography.Paragraph>
            </>
          )}
        </Form>
      </Drawer>

      <Modal
        open={resetting !== null} onCancel={() => setResetting(null)} onOk={() => resetForm.submit()} confirmLoading={busy} destroyOnHidden
        title={resetting ? fill(s.resetTitle, { name: resetting.name }) : ''} okText={s.resetConfirm} cancelText={a.common.cancel}
        okButtonProps={{ 'data-testid': 'staff-reset-confirm' } as Record<`data-${string}`, string>}
      >
        <Form form={resetForm} name="reset" layout="vertical" onFinish={reset} initialValues={{ mode: 'generate' }}>
          <Form.Item name="mode">
            <Radio.Group options={[{ value: 'generate', label: s.resetGenerate }, { value: 'typed', label: s.resetTyped }]} />
          </Form.Item>
          {resetMode === 'typed' && (
            <Form.Item name="password" label={s.newPassword} extra={s.passwordHint}
              rules={[...required(s.newPassword), { validator: async (_, v?: string) => { if (v && !isStrongPassword(v)) throw new Error(s.passwordHint); } }]}>
              <Input.Password maxLength={128} autoComplete="new-password" />
            </Form.Item>
          )}
          <Typography.Paragraph type="secondary">{s.resetNote}</Typography.Paragraph>
        </Form>
      </Modal>

      <Modal
        open={temporary !== null} onCancel={() => setTemporary(null)} onOk={() => setTemporary(null)} closable={false} mask={{ closable: false }}
        title={s.tempTitle} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden
      >
        {temporary && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text code copyable={{ text: temporary.password, tooltips: [s.copy, s.copied] }} style={{ fontSize: 20 }} data-testid="temporary-password">
              {temporary.password}
            </Typography.Text>
            <Typography.Paragraph type="secondary">{fill(s.tempNote, { name: temporary.name })}</Typography.Paragraph>
          </Space>
        )}
      </Modal>
    </Space>
  );
}
