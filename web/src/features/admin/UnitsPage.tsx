/** 单位与辖区 (admin): the units (incl. inactive) with create/edit, and the jurisdictions with name and boundary. */
import { Alert, App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { UNIT_CODE_PATTERN, UNIT_KINDS, type UnitCreateBody } from '../../../../common/contracts/admin';
import { PHONE_PATTERN } from '../../../../common/contracts/shared';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { useLoad } from '../portal/useLoad';
import { adminApi, type AdminJurisdiction, type AdminUnit } from './admin-api';

const PHONE = new RegExp(PHONE_PATTERN);
const UNIT_CODE = new RegExp(UNIT_CODE_PATTERN);

type UnitValues = {
  code?: string; name: string; kind?: UnitCreateBody['kind']; parentId?: number | null; jurisdictionId?: number; scope?: UnitCreateBody['scope'];
  phone?: string; address?: string; active?: boolean;
};

export function UnitsPage() {
  const { t } = useI18n();
  const a = t.console.admin;
  const u = a.units;
  const { message } = App.useApp();
  const units = useLoad(() => adminApi.units(), []);
  const jurisdictions = useLoad(() => adminApi.jurisdictions(), []);
  const [editing, setEditing] = useState<AdminUnit | 'new' | null>(null);
  const [area, setArea] = useState<AdminJurisdiction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<UnitValues>();
  const [areaForm] = Form.useForm<{ name: string; boundary?: string }>();

  const unitName = (id: number | null) => units.data?.find((x) => x.id === id)?.name ?? a.common.none;
  const areaName = (id: number) => jurisdictions.data?.find((j) => j.id === id)?.name ?? String(id);

  function openUnit(unit: AdminUnit | 'new') {
    setEditing(unit);
    form.resetFields();
    form.setFieldsValue(unit === 'new'
      ? { scope: 'jurisdiction', kind: 'station', parentId: null }
      : { name: unit.name, phone: unit.phone ?? '', address: unit.address ?? '', parentId: unit.parentId, active: unit.active });
  }

  async function saveUnit(values: UnitValues) {
    setBusy(true);
    try {
      if (editing === 'new') {
        await adminApi.createUnit({
          code: values.code!, name: values.name.trim(), kind: values.kind!, parentId: values.parentId ?? null, jurisdictionId: values.jurisdictionId!,
          scope: values.scope!, phone: values.phone?.trim() ?? '', address: values.address?.trim() ?? '',
        });
      } else if (editing) {
        await adminApi.updateUnit(editing.id, {
          name: values.name.trim(), phone: values.phone?.trim() ?? '', address: values.address?.trim() ?? '', parentId: values.parentId ?? null,
          active: values.active,
        });
      }
      message.success(a.common.saved);
      setEditing(null);
      units.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      applyFieldErrors(form, error, ['code', 'name', 'kind', 'parentId', 'jurisdictionId', 'scope', 'phone', 'address', 'active']);
      message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  function openArea(j: AdminJurisdiction) {
    setArea(j);
    areaForm.resetFields();
    areaForm.setFieldsValue({ name: j.name, boundary: j.boundary?.map((p) => p.join(',')).join('\n') ?? '' });
  }

  async function saveArea(values: { name: string; boundary?: string }) {
    if (!area) return;
    const lines = (values.boundary ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    const points: [number, number][] = [];
    for (const [i, line] of lines.entries()) {
      const parts = line.split(/[,，\s]+/).filter(Boolean).map(Number);
      if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) {
        areaForm.setFields([{ name: 'boundary', errors: [fill(a.jurisdictions.boundaryInvalid, { line: i + 1 })] }]);
        return;
      }
      points.push([parts[0], parts[1]]);
    }
    setBusy(true);
    try {
      await adminApi.updateJurisdiction(area.id, { name: values.name.trim(), ...(points.length ? { boundary: points } : {}) });
      message.success(a.common.saved);
      setArea(null);
      jurisdictions.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Point errors (boundary.3.0) go under the one text area, with the line they come from.
      const messages = error.fields.filter((f) => f.path.startsWith('boundary'))
        .map((f) => { const line = /^boundary\.(\d+)/.exec(f.path); return line ? `${Number(line[1]) + 1}: ${f.message}` : f.message; });
      areaForm.setFields([
        ...(messages.length ? [{ name: 'boundary' as const, errors: messages }] : []),
        ...error.fields.filter((f) => f.path === 'name').map((f) => ({ name: 'name' as const, errors: [f.message] })),
      ]);
      message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  const required = (label: string) => [{ required: true, whitespace: true, message: fill(a.common.required, { label }) }];
  const parentOptions = (units.data ?? [])
    .filter((x) => editing === 'new' || x.id !== (editing as AdminUnit | null)?.id)
    .map((x) => ({ value: x.id, label: x.name }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{u.title}</Typography.Title>
      {(units.error ?? jurisdictions.error) && <Alert type="error" showIcon title={(units.error ?? jurisdictions.error)!.message} />}
      <Card size="small" title={u.unitsTitle} extra={<Button type="primary" data-testid="unit-create" onClick={() => openUnit('new')}>{a.common.create}</Button>}>
        <Table<AdminUnit>
          data-testid="units-table" rowKey="id" size="small" loading={units.loading} dataSource={units.data ?? []}
          pagination={false} scroll={{ x: 'max-content' }}
          columns={[
            { title: u.name, dataIndex: 'name', render: (name: string, r) => (
              <Space size={4} wrap>{name}{r.receivesPortal && <Tag color="blue">{u.portal}</Tag>}</Space>) },
            { title: u.code, dataIndex: 'code' },
            { title: u.kind, dataIndex: 'kind', render: (k: string) => u.kinds[k] ?? k },
            { title: u.parent, dataIndex: 'parentId', render: (id: number | null) => unitName(id) },
            { title: u.jurisdiction, dataIndex: 'jurisdictionId', render: areaName },
            { title: u.scope, dataIndex: 'scope', render: (s: string) => u.scopes[s] ?? s },
            { title: u.phone, dataIndex: 'phone', render: (v: string | null) => v ?? a.common.none },
            { title: u.address, dataIndex: 'address', render: (v: string | null) => v ?? a.common.none },
            { title: u.staffCount, dataIndex: 'staffCount', align: 'right' },
            { title: u.openMatters, dataIndex: 'openMatters', align: 'right' },
            { title: u.status, dataIndex: 'active', render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? a.common.active : a.common.inactive}</Tag> },
            { title: '', key: 'edit', fixed: 'right', render: (_, r) => <Button size="small" onClick={() => openUnit(r)} data-testid={`unit-edit-${r.code}`}>{a.common.edit}</Button> },
          ]}
        />
      </Card>
      <Card size="small" title={a.jurisdictions.title}>
        <Table<AdminJurisdiction>
          data-testid="jurisdictions-table" rowKey="id" size="small" loading={jurisdictions.loading} dataSource={jurisdictions.data ?? []}
          pagination={false} scroll={{ x: 'max-content' }}
          columns={[
            { title: a.jurisdictions.code, dataIndex: 'code' },
            { title: a.jurisdictions.name, dataIndex: 'name' },
            { title: a.jurisdictions.kind, dataIndex: 'kind', render: (k: string) => a.jurisdictions.kinds[k] ?? k },
            { title: a.jurisdictions.boundary, dataIndex: 'boundary', render: (b: number[][] | null) => (b?.length ? fill(a.jurisdictions.points, { n: b.length }) : a.jurisdictions.noBoundary) },
            { title: a.jurisdictions.units, dataIndex: 'unitCount', align: 'right' },
            { title: '', key: 'edit', fixed: 'right', render: (_, r) => <Button size="small" onClick={() => openArea(r)}>{a.common.edit}</Button> },
          ]}
        />
      </Card>

      <Drawer
        open={editing !== null} onClose={() => setEditing(null)} size={Math.min(480, window.innerWidth)} destroyOnHidden
        title={editing === 'new' ? u.createTitle : editing ? fill(u.editTitle, { name: editing.name }) : ''}
        extra={<Space><Button onClick={() => setEditing(null)}>{a.common.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="unit-save">{a.common.save}</Button></Space>}
      >
        <Form<UnitValues> form={form} name="unit" layout="vertical" onFinish={saveUnit} data-testid="unit-form">
          {editing === 'new' && (
            <>
              <Form.Item name="code" label={u.code} extra={u.codeHint}
                rules={[...required(u.code), { pattern: UNIT_CODE, message: u.codeHint }]}>
                <Input maxLength={32} />
              </Form.Item>
              <Form.Item name="kind" label={u.kind} rules={required(u.kind)}>
                <Select options={UNIT_KINDS.map((k) => ({ value: k, label: u.kinds[k] }))} />
              </Form.Item>
              <Form.Item name="jurisdictionId" label={u.jurisdiction} rules={[{ required: true, message: fill(a.common.required, { label: u.jurisdiction }) }]}>
                <Select options={(jurisdictions.data ?? []).map((j) => ({ value: j.id, label: j.name }))} />
              </Form.Item>
              <Form.Item name="scope" label={u.scope} rules={required(u.scope)}>
                <Select options={Object.entries(u.scopes).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="name" label={u.name} rules={[...required(u.name), { min: 2, max: 30 }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="parentId" label={u.parent}>
            <Select allowClear showSearch optionFilterProp="label" placeholder={u.noParent} options={parentOptions} />
          </Form.Item>
          <Form.Item name="phone" label={u.phone} rules={[{ validator: async (_, v?: string) => { if (v?.trim() && !PHONE.test(v.trim())) throw new Error(u.phoneInvalid); } }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="address" label={u.address} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          {editing !== 'new' && editing && (
            <Form.Item name="active" label={u.status} valuePropName="checked" extra={u.deactivateHint}>
              <Switch checkedChildren={a.common.active} unCheckedChildren={a.common.inactive} />
            </Form.Item>
          )}
        </Form>
      </Drawer>

      <Modal
        open={area !== null} onCancel={() => setArea(null)} onOk={() => areaForm.submit()} confirmLoading={busy} destroyOnHidden
        title={area ? fill(a.jurisdictions.editTitle, { name: area.name }) : ''} okText={a.common.save} cancelText={a.common.cancel}
      >
        <Form form={areaForm} name="area" layout="vertical" onFinish={saveArea}>
          <Form.Item name="name" label={a.jurisdictions.name} rules={[...required(a.jurisdictions.name), { min: 2, max: 30 }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="boundary" label={a.jurisdictions.boundary} extra={a.jurisdictions.boundaryHint}>
            <Input.TextArea rows={8} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
