/** 网上信访: the petitioner's own form (信访工作条例 第十九条, 第二十一条), phone-first: one column, large controls. */
import { Alert, Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ID_NUMBER_PATTERN, LIMITS, PHONE_PATTERN } from '../../../../common/contracts/shared';
import { fill } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { usePetitionMessages } from './messages';
import { petitionsApi } from './petitions-api';

type Values = { petitioner: { name: string; address: string; phone: string; idNumber?: string }; request: string; facts: string; reasons: string };
const FIELDS = ['petitioner.name', 'petitioner.address', 'petitioner.phone', 'petitioner.idNumber', 'request', 'facts', 'reasons'];

export function PetitionSubmitPage() {
  const p = usePetitionMessages().portal;
  const [form] = Form.useForm<Values>();
  // One key per form: a retry after a lost answer is recognised by the server and never registered twice.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [duplicate, setDuplicate] = useState<string>();
  const [result, setResult] = useState<{ trackingCode: string; caseNo: string }>();

  const send = async (values: Values, confirmDuplicate = false) => {
    setSending(true);
    setError(undefined);
    try {
      const trim = (s?: string) => s?.trim() || undefined;
      const done = await petitionsApi.submit({
        petitioner: { name: values.petitioner.name.trim(), address: values.petitioner.address.trim(), phone: values.petitioner.phone.trim(),
          ...(trim(values.petitioner.idNumber) ? { idNumber: trim(values.petitioner.idNumber) } : {}) },
        request: values.request.trim(), facts: values.facts.trim(), reasons: values.reasons.trim(), ...(confirmDuplicate ? { confirmDuplicate } : {}),
      }, key);
      setResult(done);
      setKey(crypto.randomUUID());
      setDuplicate(undefined);
      form.resetFields();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'DUPLICATE_SUSPECTED') { setDuplicate(e.message); return; }
      const rest = applyFieldErrors(form, e, FIELDS);
      setError(e.fields.length > 0 && rest.length === 0 ? e.message : [e.message, ...rest.map((f) => f.message)].join('；'));
    } finally {
      setSending(false);
    }
  };

  if (result) {
    return (
      <Card>
        <Result status="success" title={p.successTitle} subTitle={fill(p.successBody, { caseNo: result.caseNo })} extra={
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{p.code}</Typography.Text>
            <div data-testid="tracking-code" style={{ fontSize: 'clamp(15px, 4vw, 28px)', fontWeight: 700, fontFamily: 'monospace', wordBreak: 'break-all' }}>
              {result.trackingCode}
            </div>
            <Link to={`/track/${encodeURIComponent(result.trackingCode)}`}><Button type="primary" size="large">{p.track}</Button></Link>
          </Space>
        } />
      </Card>
    );
  }

  const required = (label: string) => ({ required: true, whitespace: true, message: fill(p.required, { label }) });
  return (
    <Card title={p.title}>
      <Typography.Paragraph type="secondary">{p.intro}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => send(v)} disabled={sending} scrollToFirstError requiredMark="optional" size="large">
        <Form.Item name={['petitioner', 'name']} label={p.name} rules={[required(p.name), { max: LIMITS.nameMax }]}>
          <Input maxLength={LIMITS.nameMax} autoComplete="name" />
        </Form.Item>
        <Form.Item name={['petitioner', 'address']} label={p.address} rules={[required(p.address), { min: 2, max: LIMITS.addressMax }]}>
          <Input maxLength={LIMITS.addressMax} autoComplete="street-address" />
        </Form.Item>
        <Form.Item name={['petitioner', 'phone']} label={p.phone} rules={[required(p.phone), { pattern: new RegExp(PHONE_PATTERN), message: p.phoneInvalid }]}>
          <Input inputMode="tel" autoComplete="tel" maxLength={13} />
        </Form.Item>
        <Form.Item name={['petitioner', 'idNumber']} label={`${p.idNumber}${p.optional}`} rules={[{ pattern: new RegExp(ID_NUMBER_PATTERN), message: p.idInvalid }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="request" label={p.request} rules={[required(p.request), { min: 2, max: 2000 }]}>
          <Input.TextArea rows={2} showCount maxLength={2000} placeholder={p.requestPlaceholder} />
        </Form.Item>
        <Form.Item name="facts" label={p.facts} rules={[required(p.facts), { min: 2, max: 5000 }]}>
          <Input.TextArea rows={5} showCount maxLength={5000} placeholder={p.factsPlaceholder} />
        </Form.Item>
        <Form.Item name="reasons" label={p.reasons} rules={[required(p.reasons), { min: 2, max: 2000 }]}>
          <Input.TextArea rows={3} showCount maxLength={2000} placeholder={p.reasonsPlaceholder} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {duplicate && (
          <Alert type="warning" showIcon title={p.duplicateTitle} description={duplicate} style={{ marginBottom: 16 }}
            action={<Button size="small" onClick={() => send(form.getFieldsValue(true), true)}>{p.duplicateConfirm}</Button>} />
        )}
        <Button type="primary" htmlType="submit" loading={sending} block>{p.send}</Button>
      </Form>
    </Card>
  );
}
