/**
 * 事项时限 (admin): each kind's stages with their time limits as a form (amount, unit, holiday roll-forward,
 * start and end, extension). A change applies to matters received afterwards: deadlines already computed
 * keep the rule they were computed with (matter_deadlines.rule), so nothing is recomputed.
 */
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { TIME_UNITS, type KindUpdateBody, type StageRule } from '../../../../common/contracts/kinds';
import { PAUSE_REASONS } from '../../../../common/workflow';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { useLoad } from '../portal/useLoad';
import { adminApi, type Kind } from './admin-api';

type Unit = (typeof TIME_UNITS)[number];
type StageValues = {
  stage: string; amount: number; unit: Unit; rollForwardIfHoliday: boolean; startsOn: StageRule['startsOn']; endsOn: StageRule['endsOn'];
  extensionOn: boolean; extensionAmount?: number; extensionUnit?: Unit;
};
type KindValues = Omit<KindUpdateBody, 'stages' | 'version'> & { stages: StageValues[] };

const toValues = (kind: Kind): KindValues => ({
  nameZh: kind.nameZh, nameEn: kind.nameEn, publicSubmission: kind.publicSubmission, reopenWindowDays: kind.reopenWindowDays,
  pauseReasons: kind.pauseReasons as KindUpdateBody['pauseReasons'],
  stages: kind.stages.map((s) => ({
    stage: s.stage, amount: s.amount, unit: s.unit, rollForwardIfHoliday: s.rollForwardIfHoliday, startsOn: s.startsOn, endsOn: s.endsOn,
    extensionOn: Boolean(s.extension), extensionAmount: s.extension?.amount, extensionUnit: s.extension?.unit ?? s.unit,
  })),
});

const toBody = (kind: Kind, v: KindValues): KindUpdateBody => ({
  version: kind.version, nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), publicSubmission: v.publicSubmission,
  reopenWindowDays: v.reopenWindowDays, pauseReasons: v.pauseReasons,
  stages: v.stages.map((s) => ({
    stage: s.stage, amount: s.amount, unit: s.unit, rollForwardIfHoliday: s.rollForwardIfHoliday, startsOn: s.startsOn, endsOn: s.endsOn,
    ...(s.extensionOn && s.extensionAmount ? { extension: { amount: s.extensionAmount, unit: s.extensionUnit ?? s.unit } } : {}),
  })),
});

function KindForm({ kind, onSaved }: { kind: Kind; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const c = t.console;
  const k = c.admin.kinds;
  const { message } = App.useApp();
  const [form] = Form.useForm<KindValues>();
  const [busy, setBusy] = useState(false);
  const name = locale === 'en' ? kind.nameEn : kind.nameZh;
  const unitOptions = TIME_UNITS.map((u) => ({ value: u, label: k.units[u] }));
  const required = (label: string) => [{ required: true, message: fill(c.admin.common.required, { label }) }];

  async function save(values: KindValues) {
    setBusy(true);
    try {
      await adminApi.updateKind(kind.code, toBody(kind, values));
      message.success(fill(k.saved, { name }));
      onSaved();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The server names a stage's fields stages.<i>.<field>; the form's extension fields have their own names.
      const renamed = new ApiError(error.message, error.status, error.code, error.fields.map((f) => ({
        ...f, path: f.path.replace(/^stages\.(\d+)\.extension\.amount$/, 'stages.$1.extensionAmount').replace(/^stages\.(\d+)\.extension\.unit$/, 'stages.$1.extensionUnit'),
      })));
      const paths = ['nameZh', 'nameEn', 'reopenWindowDays', 'pauseReasons', ...values.stages.flatMap((_, i) =>
        ['stage', 'amount', 'unit', 'startsOn', 'endsOn', 'extensionAmount', 'extensionUnit'].map((f) => `stages.${i}.${f}`))];
      const other = applyFieldErrors(form, renamed, paths);
      message.error(other.length ? `${error.message}：${other.map((f) => f.message).join('；')}` : error.message);
      if (error.status === 409) onSaved();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" data-testid={`kind-${kind.code}`}
      title={<Space wrap>{name}<Typography.Text type="secondary">{kind.code}</Typography.Text></Space>}
      extra={<Typography.Text type="secondary">{fill(k.version, { version: kind.version })}</Typography.Text>}>
      <Form<KindValues> form={form} name={kind.code} layout="vertical" initialValues={toValues(kind)} onFinish={save}>
        <Row gutter={12}>
          <Col xs={24} sm={12} md={6}><Form.Item name="nameZh" label={k.nameZh} rules={[...required(k.nameZh), { max: 20 }]}><Input maxLength={20} /></Form.Item></Col>
          <Col xs={24} sm={12} md={6}><Form.Item name="nameEn" label={k.nameEn} rules={[...required(k.nameEn), { max: 40 }]}><Input maxLength={40} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="reopenWindowDays" label={k.reopenWindowDays} rules={required(k.reopenWindowDays)}><InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={3}><Form.Item name="publicSubmission" label={k.publicSubmission} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col xs={24} md={5}>
            <Form.Item name="pauseReasons" label={k.pauseReasons}>
              <Select mode="multiple" maxCount={3} options={PAUSE_REASONS.map((r) => ({ value: r, label: c.pauseReasons[r] ?? r }))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{k.stages}</Typography.Text>
        <Form.List name="stages">
          {(fields) => fields.map((field) => (
            <StageRow key={field.key} index={field.name} form={form} unitOptions={unitOptions} stageLabel={(code) => c.stages[code] ?? code} />
          ))}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`kind-save-${kind.code}`}>{fill(k.save, { name })}</Button>
      </Form>
    </Card>
  );
}

function StageRow({ index, form, unitOptions, stageLabel }: {
  index: number; form: ReturnType<typeof Form.useForm<KindValues>>[0]; unitOptions: { value: Unit; label: string }[]; stageLabel: (code: string) => string;
}) {
  const { t } = useI18n();
  const k = t.console.admin.kinds;
  const stage = Form.useWatch(['stages', index, 'stage'], form) as string | undefined;
  const extensionOn = Form.useWatch(['stages', index, 'extensionOn'], form) as boolean | undefined;
  const required = (label: string) => [{ required: true, message: fill(t.console.admin.common.required, { label }) }];
  return (
    <div style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8, marginTop: 8 }} data-testid={`stage-${stage}`}>
      <Typography.Text>{stage ? `${stageLabel(stage)}（${stage}）` : ''}</Typography.Text>
      <Form.Item name={[index, 'stage']} hidden><Input /></Form.Item>
      <Row gutter={12} align="bottom">
        <Col xs={12} md={3}>
          <Form.Item name={[index, 'amount']} label={k.amount} rules={required(k.amount)}>
            <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} data-testid={`stage-${stage}-amount`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}><Form.Item name={[index, 'unit']} label={k.unit} rules={required(k.unit)}><Select options={unitOptions} /></Form.Item></Col>
        <Col xs={12} md={4}>
          <Form.Item name={[index, 'startsOn']} label={k.startsOn}>
            <Select options={Object.entries(k.starts).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[index, 'endsOn']} label={k.endsOn}>
            <Select options={Object.entries(k.ends).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={4}><Form.Item name={[index, 'rollForwardIfHoliday']} valuePropName="checked"><Checkbox>{k.rollForward}</Checkbox></Form.Item></Col>
        <Col xs={24} md={5}>
          <Form.Item name={[index, 'extensionOn']} valuePropName="checked"><Checkbox>{k.extension}</Checkbox></Form.Item>
        </Col>
      </Row>
      {extensionOn && (
        <Row gutter={12}>
          <Col xs={12} md={3}>
            <Form.Item name={[index, 'extensionAmount']} label={k.extension} rules={required(k.amount)}>
              <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}><Form.Item name={[index, 'extensionUnit']} label={k.unit}><Select options={unitOptions} /></Form.Item></Col>
        </Row>
      )}
    </div>
  );
}

export function KindsPage() {
  const { t } = useI18n();
  const k = t.console.admin.kinds;
  const kinds = useLoad(() => adminApi.kinds(), []);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{k.title}</Typography.Title>
      <Alert type="info" showIcon title={k.note} data-testid="kinds-note" />
      {kinds.error && <Alert type="error" showIcon title={kinds.error.message} />}
      {/* Keyed by version, so that a saved or reloaded kind's form starts again from what the server holds. */}
      {kinds.data?.map((kind) => <KindForm key={`${kind.code}:${kind.version}`} kind={kind} onSaved={kinds.reload} />)}
    </Space>
  );
}
