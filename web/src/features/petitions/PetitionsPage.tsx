/** 信访 in the console: the 四率, the list with stage and next deadline, and the register form for letters and visits. */
import { Alert, App, Button, Card, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ID_NUMBER_PATTERN, LIMITS, PHONE_PATTERN } from '../../../../common/contracts/shared';
import { MAX_REPRESENTATIVES, PETITION_FORMS, PETITION_STAGES, type RegisterPetitionBody } from '../../../../common/contracts/petitions';
import { fill } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { useSession } from '../console/session';
import { useLoad } from '../portal/useLoad';
import { usePetitionMessages } from './messages';
import { petitionsApi, type Earlier, type PetitionRow } from './petitions-api';

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function PetitionsPage() {
  const m = usePetitionMessages();
  const g = m.page;
  const [filters, setFilters] = useState<{ stage?: string; form?: string; repeats: string; overdue?: boolean; page: number }>({ repeats: 'exclude', page: 1 });
  const [registering, setRegistering] = useState(false);
  const list = useLoad(() => petitionsApi.list({ ...filters, pageSize: 20 }), [JSON.stringify(filters)]);
  const to = dayjs().format('YYYY-MM-DD');
  const figures = useLoad(() => petitionsApi.figures(dayjs().subtract(89, 'day').format('YYYY-MM-DD'), to), [to]);
  const f = figures.data;
  // Registering is the petition office's (or a leader's, on a reception day); the server refuses anyone else.
  const { staff } = useSession();
  const mayRegister = staff?.unit.kind === 'petition_office' || staff?.roles.includes('leader') === true;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={g.figures} extra={mayRegister && <Button type="primary" onClick={() => setRegistering(true)} data-testid="petition-register">{g.register}</Button>}>
        <Row gutter={[16, 8]}>
          {([
            [g.received, f?.received], [g.repeats, f?.repeats], [g.timely, f && pct(f.timelyAcceptanceRate)], [g.onTime, f && pct(f.onTimeRate)],
            [g.participation, f && pct(f.participationRate)], [g.satisfaction, f && pct(f.satisfactionRate)], [g.settled, f && `${f.settled}/${f.visits}`],
          ] as [string, string | number | undefined][]).map(([title, value]) => (
            <Col key={title} xs={12} md={6} lg={3}><Statistic title={title} value={value ?? g.none} loading={figures.loading} /></Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={g.title}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={g.stage} style={{ width: 150 }} value={filters.stage} data-testid="petition-filter-stage"
            options={PETITION_STAGES.map((s) => ({ value: s, label: m.stages[s] }))} onChange={(stage) => setFilters({ ...filters, stage, page: 1 })} />
          <Select allowClear placeholder={g.form} style={{ width: 120 }} value={filters.form}
            options={PETITION_FORMS.map((s) => ({ value: s, label: m.forms[s] }))} onChange={(form) => setFilters({ ...filters, form, page: 1 })} />
          <Select style={{ width: 130 }} value={filters.repeats} options={Object.entries(g.repeatOptions).map(([value, label]) => ({ value, label }))}
            onChange={(repeats) => setFilters({ ...filters, repeats, page: 1 })} />
          <Space><Switch size="small" checked={filters.overdue === true} onChange={(on) => setFilters({ ...filters, overdue: on || undefined, page: 1 })} />{g.overdue}</Space>
        </Space>
        {list.error && <Alert type="error" showIcon title={list.error.message} />}
        <Table<PetitionRow>
          size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 900 }} data-testid="petition-list"
          pagination={{ current: filters.page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => fill(g.total, { total }),
            onChange: (page) => setFilters({ ...filters, page }) }}
          columns={[
            { title: g.columns.caseNo, dataIndex: 'caseNo', width: 150, render: (no: string, r) => <Link to={`/console/matters/${r.id}`}>{no}</Link> },
            { title: g.columns.form, dataIndex: 'form', width: 90, render: (form: string) => m.forms[form] },
            { title: g.columns.petitioner, dataIndex: 'petitioner', width: 90 },
            { title: g.columns.summary, dataIndex: 'summary', render: (s: string, r) => (
              <>
                {s}
                {r.repeatOf && <Tag style={{ marginInlineStart: 4 }}>{fill(g.repeatOf, { caseNo: r.repeatOf.caseNo })}</Tag>}
                {r.repeats > 0 && <Tag color="orange" style={{ marginInlineStart: 4 }}>{fill(g.repeatCount, { n: r.repeats })}</Tag>}
              </>
            ) },
            { title: g.columns.stage, dataIndex: 'stage', width: 120, render: (stage: string) => <Tag>{m.stages[stage]}</Tag> },
            { title: g.columns.unit, dataIndex: 'handlerUnit', width: 120 },
            { title: g.columns.next, key: 'next', width: 190, render: (_, r) => r.nextDue ? (
              <>{m.clockStages[r.nextDue.stage] ?? r.nextDue.stage} {fmtTime(r.nextDue.dueAt)}{r.overdue && <Tag color="error" style={{ marginInlineStart: 4 }}>{g.overdueTag}</Tag>}</>
            ) : '—' },
            { title: g.columns.receivedAt, dataIndex: 'receivedAt', width: 150, render: (at: string) => fmtTime(at) },
          ]}
        />
      </Card>
      <RegisterDrawer open={registering} onClose={() => setRegistering(false)} onDone={() => { setRegistering(false); list.reload(); figures.reload(); }} />
    </Space>
  );
}

type Values = {
  form: 'letter' | 'visit' | 'group_visit'; receivedAt: Dayjs; name: string; address: string; phone?: string; idNumber?: string;
  request: string; facts: string; reasons: string; groupSize?: number; representatives?: string[];
};
const FIELD_PATHS: Record<string, string> = {
  'petitioner.name': 'name', 'petitioner.address': 'address', 'petitioner.phone': 'phone', 'petitioner.idNumber': 'idNumber',
};

function RegisterDrawer({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const m = usePetitionMessages();
  const r = m.register;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [earlier, setEarlier] = useState<Earlier[]>([]);
  const [repeatOf, setRepeatOf] = useState<Earlier>();
  const [earlierFinal, setEarlierFinal] = useState<'not_accept' | 'new_facts'>();
  const [duplicate, setDuplicate] = useState(false);
  const kind = Form.useWatch('form', form);
  const final = earlier.find((e) => e.finalAt);

  // The same person (phone or identity number) found as soon as either is typed: finality and repeats are decided here.
  const lookUp = async () => {
    const { phone, idNumber } = form.getFieldsValue(['phone', 'idNumber']);
    const person = {
      ...(phone && new RegExp(PHONE_PATTERN).test(phone.trim()) ? { phone: phone.trim() } : {}),
      ...(idNumber && new RegExp(ID_NUMBER_PATTERN).test(idNumber.trim()) ? { idNumber: idNumber.trim() } : {}),
    };
    setEarlier(Object.keys(person).length ? await petitionsApi.earlier(person).catch(() => []) : []);
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const trim = (s?: string) => s?.trim() || undefined;
      const body: RegisterPetitionBody = {
        form: v.form, receivedAt: v.receivedAt.toISOString(),
        petitioner: { name: v.name.trim(), address: v.address.trim(), ...(trim(v.phone) ? { phone: trim(v.phone) } : {}), ...(trim(v.idNumber) ? { idNumber: trim(v.idNumber) } : {}) },
        request: v.request.trim(), facts: v.facts.trim(), reasons: v.reasons.trim(),
        ...(v.form === 'group_visit' ? { groupSize: v.groupSize, representatives: (v.representatives ?? []).map((x) => x.trim()).filter(Boolean) } : {}),
        ...(repeatOf ? { repeatOf: repeatOf.id } : {}), ...(earlierFinal ? { earlierFinal } : {}), ...(duplicate ? { confirmDuplicate: true } : {}),
      };
      const done = await petitionsApi.register(body);
      message.success(fill(done.notAccepted ? r.doneNotAccepted : r.done, { caseNo: done.caseNo }));
      form.resetFields();
      setEarlier([]); setRepeatOf(undefined); setEarlierFinal(undefined); setDuplicate(false);
      onDone();
      navigate(`/console/matters/${done.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'DUPLICATE_SUSPECTED') setDuplicate(true);
      if (e.code === 'PETITION_EARLIER_FINAL') await lookUp();
      const renamed = new ApiError(e.message, e.status, e.code, e.fields.map((f) => ({ ...f, path: FIELD_PATHS[f.path] ?? f.path })));
      const rest = applyFieldErrors(form, renamed, ['name', 'address', 'phone', 'idNumber', 'request', 'facts', 'reasons', 'groupSize', 'receivedAt']);
      setError([e.message, ...rest.map((x) => x.message)].join('；'));
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => [{ required: true, whitespace: true, message: fill(r.required, { label }) }];

  return (
    <Drawer open={open} onClose={onClose} title={r.title} size="large" destroyOnHidden forceRender>
      <Typography.Paragraph type="secondary">{r.intro}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy} requiredMark="optional" data-testid="petition-register-form"
        initialValues={{ form: 'letter', receivedAt: dayjs(), representatives: [''] }}>
        <Form.Item name="form" label={r.form}>
          <Radio.Group optionType="button" options={(['letter', 'visit', 'group_visit'] as const).map((value) => ({ value, label: m.forms[value] }))} />
        </Form.Item>
        <Form.Item name="receivedAt" label={r.receivedAt} rules={[{ required: true, message: fill(r.required, { label: r.receivedAt }) }]}>
          <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}><Form.Item name="name" label={r.name} rules={[...required(r.name), { max: LIMITS.nameMax }]}><Input maxLength={LIMITS.nameMax} /></Form.Item></Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={`${r.phone}${r.optional}`} rules={[{ pattern: new RegExp(PHONE_PATTERN), message: r.phone }]}>
              <Input maxLength={13} onBlur={lookUp} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}><Form.Item name="address" label={r.address} rules={[...required(r.address), { min: 2, max: LIMITS.addressMax }]}><Input maxLength={LIMITS.addressMax} /></Form.Item></Col>
          <Col xs={24} md={12}>
            <Form.Item name="idNumber" label={`${r.idNumber}${r.optional}`} rules={[{ pattern: new RegExp(ID_NUMBER_PATTERN), message: r.idNumber }]}>
              <Input maxLength={18} onBlur={lookUp} />
            </Form.Item>
          </Col>
        </Row>
        {final && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={r.finalTitle} data-testid="petition-final-warning"
            description={
              <Space orientation="vertical">
                {fill(r.finalBody, { caseNo: final.caseNo, date: fmtTime(final.finalAt).slice(0, 10) })}
                <Radio.Group value={earlierFinal} onChange={(e) => setEarlierFinal(e.target.value)}
                  options={[{ value: 'not_accept', label: r.notAcceptFinal }, { value: 'new_facts', label: r.newFacts }]} />
              </Space>
            } />
        )}
        {earlier.length > 0 && !final && (
          <Alert type="info" style={{ marginBottom: 12 }} title={r.earlierTitle} description={
            <Space orientation="vertical">
              {earlier.map((e) => (
                <Space key={e.id} wrap>
                  <Link to={`/console/matters/${e.id}`} target="_blank">{e.caseNo}</Link>
                  <Tag>{m.stages[e.stage]}</Tag><span>{e.summary}</span>
                  {repeatOf?.id === e.id
                    ? <Button size="small" onClick={() => setRepeatOf(undefined)}>{r.unlink}</Button>
                    : <Button size="small" onClick={() => setRepeatOf(e)}>{r.linkAs}</Button>}
                </Space>
              ))}
              {repeatOf && <Typography.Text strong>{fill(r.linked, { caseNo: repeatOf.caseNo })}</Typography.Text>}
            </Space>
          } />
        )}
        <Form.Item name="request" label={r.request} rules={[...required(r.request), { min: 2, max: 2000 }]}><Input.TextArea rows={2} maxLength={2000} showCount /></Form.Item>
        <Form.Item name="facts" label={r.facts} rules={[...required(r.facts), { min: 2, max: 5000 }]}><Input.TextArea rows={4} maxLength={5000} showCount /></Form.Item>
        <Form.Item name="reasons" label={r.reasons} rules={[...required(r.reasons), { min: 2, max: 2000 }]}><Input.TextArea rows={2} maxLength={2000} showCount /></Form.Item>
        {kind === 'group_visit' && (
          <>
            <Form.Item name="groupSize" label={r.groupSize} rules={[{ required: true, message: fill(r.required, { label: r.groupSize }) }]}>
              <InputNumber min={2} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={r.representatives} extra={r.representativesHint} required>
              <Form.List name="representatives">
                {(fields, { add, remove }) => (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {fields.map((field) => (
                      <Space key={field.key}>
                        <Form.Item name={field.name} noStyle><Input maxLength={LIMITS.nameMax} /></Form.Item>
                        {fields.length > 1 && <Button onClick={() => remove(field.name)}>×</Button>}
                      </Space>
                    ))}
                    <Button disabled={fields.length >= MAX_REPRESENTATIVES} onClick={() => add('')}>{fields.length >= MAX_REPRESENTATIVES ? r.tooMany : r.addRepresentative}</Button>
                  </Space>
                )}
              </Form.List>
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="petition-register-submit">{duplicate ? r.duplicate : r.submit}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
