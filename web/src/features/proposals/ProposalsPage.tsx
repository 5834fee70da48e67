import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { mayGeneral } from '../../../../common/access';
import { PROPOSER_TYPES, REPLY_CLASSES } from '../../../../common/contracts/proposals';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { consoleApi } from '../console/console-api';
import { StateTag } from '../console/format';
import { useSession } from '../console/session';
import { useLoad } from '../portal/useLoad';
import { CLASS_COLORS, proposalsApi, RATING_TAG, useProposalsText, type ProposalRow } from './proposals-api';

const REGISTER_FIELDS = ['proposerType', 'session', 'number', 'title', 'content', 'proposer.name', 'proposer.phone', 'assignedAt', 'leadUnitId', 'coUnitIds'];
const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
type Filters = { session?: string; proposerType?: string; leadUnitId?: number; status?: string; replyClass?: string };

/** 建议提案: the figures the 人大 and 政协 offices ask for, the list by session, type, lead unit, status and class, and registration. */
export function ProposalsPage() {
  const p = useProposalsText();
  const { locale } = useI18n();
  const { message } = App.useApp();
  const { staff } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const [filterForm] = Form.useForm();
  const units = useLoad(() => consoleApi.units(), []);
  const query = new URLSearchParams({ page: String(page), pageSize: '20' });
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(key, String(value));
  const list = useLoad(() => proposalsApi.list(query), [query.toString()]);
  const unitOptions = (units.data ?? []).filter((u) => u.active && u.kind !== 'external').map((u) => ({ value: u.id, label: u.name }));
  const f = list.data?.figures;
  // Registering is the county office's (the server says so too); a station's unit leader sees its own proposals.
  const mayRegister = !!staff && mayGeneral(staff.roles, 'proposal.manage') && staff.unit.scope === 'county';

  async function register() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const created = await proposalsApi.register({ ...v, assignedAt: (v.assignedAt as dayjs.Dayjs).toISOString(), coUnitIds: v.coUnitIds ?? [],
        session: v.session.trim(), title: v.title.trim() });
      message.success(fill(p.registered, { caseNo: created.caseNo }));
      setRegistering(false);
      list.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, REGISTER_FIELDS);
      if (rest.length > 0 || error.fields.length === 0) message.error(error.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={p.title} extra={mayRegister && <Button type="primary" onClick={() => { form.resetFields(); setRegistering(true); }}>{p.register}</Button>}>
        <Row gutter={[12, 12]} data-testid="proposal-figures">
          <Col xs={12} md={4}><Statistic title={p.figures.total} value={f?.total ?? 0} /></Col>
          <Col xs={12} md={4}><Statistic title={p.figures.replyRate} value={pct(f?.replyRate ?? null)} /></Col>
          <Col xs={12} md={4}><Statistic title={p.figures.contactRate} value={pct(f?.contactRate ?? null)} /></Col>
          <Col xs={12} md={4}><Statistic title={p.figures.satisfactionRate} value={pct(f?.satisfactionRate ?? null)} /></Col>
          <Col xs={12} md={4}><Statistic title={p.figures.overdue} value={f?.overdue ?? 0} styles={{ content: { color: f?.overdue ? '#cf1322' : undefined } }} /></Col>
          <Col xs={24} md={4}>
            <div style={{ color: 'rgba(0,0,0,0.45)' }}>{p.figures.classes}</div>
            <Space wrap size={4}>{REPLY_CLASSES.map((k) => (
              <Tag key={k} color={CLASS_COLORS[k]}>{k} {f ? f.classes[k] : 0}{f && f.replied ? ` (${pct(f.classes[k] / f.replied)})` : ''}</Tag>))}</Space>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <Form form={filterForm} layout="inline" onFinish={(v: Filters) => { setPage(1); setFilters(v); }} style={{ rowGap: 8 }}>
          <Form.Item name="session"><Input allowClear placeholder={p.fields.session} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="proposerType"><Select allowClear placeholder={p.fields.proposerType} style={{ width: 150 }}
            options={PROPOSER_TYPES.map((t) => ({ value: t, label: p.types[t] }))} /></Form.Item>
          <Form.Item name="leadUnitId"><Select allowClear showSearch optionFilterProp="label" placeholder={p.fields.leadUnit} style={{ width: 160 }} options={unitOptions} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder={p.fields.status} style={{ width: 110 }}
            options={Object.entries(p.statuses).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="replyClass"><Select allowClear placeholder={p.fields.replyClass} style={{ width: 110 }}
            options={REPLY_CLASSES.map((k) => ({ value: k, label: p.classShort[k] }))} /></Form.Item>
          <Button htmlType="submit" type="primary">{p.filter}</Button>
          <Button onClick={() => { filterForm.resetFields(); setPage(1); setFilters({}); }}>{p.reset}</Button>
        </Form>
      </Card>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<ProposalRow>
        size="small" rowKey="matterId" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 960 }} data-testid="proposal-list"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: p.fields.session, key: 'no', width: 220, render: (_, r) => fill(p.sessionNumber, { session: r.session, number: r.number }) },
          { title: p.fields.proposerType, dataIndex: 'proposerType', width: 120, render: (t: string) => p.types[t] },
          { title: p.fields.title, dataIndex: 'title', render: (t: string, r) => <Link to={`/console/matters/${r.matterId}`}>{t}</Link> },
          { title: p.fields.proposerName, dataIndex: 'proposerName', width: 100 },
          { title: p.fields.leadUnit, key: 'lead', width: 130, render: (_, r) => r.leadUnit.name },
          { title: p.fields.status, dataIndex: 'state', width: 110, render: (s) => <StateTag state={s} locale={locale} /> },
          { title: p.fields.dueAt, dataIndex: 'dueAt', width: 150, render: (at: string | null, r) => (
            <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{fmtTime(at)}</span>) },
          { title: p.fields.replyClass, dataIndex: 'replyClass', width: 90, render: (k: string | null) => (k ? <Tag color={CLASS_COLORS[k]}>{p.classShort[k]}</Tag> : p.none) },
          { title: p.fields.rating, dataIndex: 'rating', width: 100, render: (r: string | null) => (r ? <Tag color={RATING_TAG[r]}>{p.ratings[r]}</Tag> : p.none) },
        ]}
      />
      <Modal open={registering} title={p.registerTitle} onOk={() => void register()} confirmLoading={saving} onCancel={() => setRegistering(false)}
        destroyOnHidden width={640}>
        <Form form={form} name="register" layout="vertical" preserve={false} initialValues={{ proposerType: 'npc_deputy', assignedAt: dayjs(), coUnitIds: [] }}>
          <Row gutter={12}>
            <Col xs={24} sm={12}><Form.Item name="proposerType" label={p.fields.proposerType} rules={[{ required: true }]}>
              <Select options={PROPOSER_TYPES.map((t) => ({ value: t, label: p.types[t] }))} /></Form.Item></Col>
            <Col xs={24} sm={12}><Form.Item name="assignedAt" label={p.fields.assignedAt} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item></Col>
            <Col xs={24} sm={16}><Form.Item name="session" label={p.fields.session} rules={[{ required: true, min: 2, max: 60 }]}>
              <Input placeholder={p.fields.sessionPlaceholder} /></Form.Item></Col>
            <Col xs={24} sm={8}><Form.Item name="number" label={p.fields.number} rules={[{ required: true }]}>
              <InputNumber min={1} max={99999} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Form.Item name="title" label={p.fields.title} rules={[{ required: true, min: 2, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="content" label={p.fields.content} rules={[{ required: true, min: 5 }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}><Form.Item name={['proposer', 'name']} label={p.fields.proposerName} rules={[{ required: true, max: 30 }]}><Input /></Form.Item></Col>
            <Col xs={24} sm={12}><Form.Item name={['proposer', 'phone']} label={p.fields.proposerPhone}
              rules={[{ required: true, pattern: /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/ }]}><Input inputMode="tel" /></Form.Item></Col>
          </Row>
          <Form.Item name="leadUnitId" label={p.fields.leadUnit} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={unitOptions} /></Form.Item>
          <Form.Item name="coUnitIds" label={p.fields.coUnits}>
            <Select mode="multiple" optionFilterProp="label" options={unitOptions} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
