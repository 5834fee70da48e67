/** 登记事项: a matter received at the window, by phone, letter or visit; validated as the server does (common/contracts). */
import { App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { STAFF_CHANNELS } from '../../../../common/contracts/matters';
import { ID_NUMBER_PATTERN, LIMITS, PHONE_PATTERN } from '../../../../common/contracts/shared';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { useLoad } from '../portal/useLoad';
import { consoleApi } from './console-api';

const FIELD_PATHS = [
  'kind', 'channel', 'receivedAt', 'content', 'location.address', 'jurisdictionCode',
  'contact.name', 'contact.phone', 'contact.idNumber', 'contact.address',
] as const;

type Values = {
  kind: string; channel: string; receivedAt: Dayjs; content: string; location?: { address?: string }; jurisdictionCode?: string;
  contact: { name: string; phone: string; idNumber?: string; address?: string };
};

/** Optional fields go out only when filled: the schema refuses empty strings. */
function toBody(v: Values) {
  const opt = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  const address = opt(v.location?.address);
  const contact = { name: v.contact.name.trim(), phone: v.contact.phone.trim(), idNumber: opt(v.contact.idNumber), address: opt(v.contact.address) };
  return {
    kind: v.kind, channel: v.channel, receivedAt: v.receivedAt.toISOString(), content: v.content.trim(),
    ...(address ? { location: { address } } : {}),
    ...(v.jurisdictionCode ? { jurisdictionCode: v.jurisdictionCode } : {}),
    contact: Object.fromEntries(Object.entries(contact).filter(([, x]) => x !== undefined)),
  };
}

export function RegisterPage() {
  const { t, locale } = useI18n();
  const c = t.console;
  const r = c.register;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kinds = useLoad(() => consoleApi.kinds(), []);
  const jurisdictions = useLoad(() => consoleApi.jurisdictions(), []);
  const required = (label: string) => ({ required: true, whitespace: true, message: fill(c.form.required, { label }) });

  async function submit(values: Values) {
    setBusy(true);
    try {
      const created = await consoleApi.register(toBody(values));
      message.success(fill(r.done, { caseNo: created.caseNo }));
      navigate(`/console/matters/${created.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, FIELD_PATHS);
      if (error.fields.length === 0 || rest.length > 0) message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" style={{ maxWidth: 820 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{r.title}</Typography.Title>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="register-form"
        initialValues={{ channel: 'phone', receivedAt: dayjs() }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 16 }}>
          <Form.Item name="kind" label={r.kind} rules={[{ required: true, message: fill(c.form.required, { label: r.kind }) }]}>
            <Select data-testid="register-kind" loading={kinds.loading}
              options={(kinds.data ?? []).map((k) => ({ value: k.code, label: locale === 'en' ? k.nameEn : k.nameZh }))} />
          </Form.Item>
          <Form.Item name="channel" label={r.channel} rules={[{ required: true, message: fill(c.form.required, { label: r.channel }) }]}>
            <Select data-testid="register-channel" options={STAFF_CHANNELS.map((ch) => ({ value: ch, label: c.channels[ch] ?? ch }))} />
          </Form.Item>
          <Form.Item name="receivedAt" label={r.receivedAt} rules={[
            { required: true, message: fill(c.form.required, { label: r.receivedAt }) },
            { validator: (_, v?: Dayjs) => (v && v.isAfter(dayjs()) ? Promise.reject(new Error(r.notFuture)) : Promise.resolve()) },
          ]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </div>
        <Form.Item name="content" label={r.content} rules={[required(r.content), { min: LIMITS.contentMin }, { max: LIMITS.contentMax }]}>
          <Input.TextArea rows={5} showCount maxLength={LIMITS.contentMax} data-testid="register-content" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', columnGap: 16 }}>
          <Form.Item name={['location', 'address']} label={r.address} rules={[{ max: LIMITS.addressMax }]}>
            <Input maxLength={LIMITS.addressMax} />
          </Form.Item>
          <Form.Item name="jurisdictionCode" label={r.jurisdiction}>
            <Select allowClear showSearch optionFilterProp="label" loading={jurisdictions.loading}
              options={(jurisdictions.data ?? []).map((j) => ({ value: j.code, label: `${j.code} ${j.name}` }))} />
          </Form.Item>
        </div>
        <Typography.Text strong>{r.contactTitle}</Typography.Text>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 16, marginTop: 8 }}>
          <Form.Item name={['contact', 'name']} label={r.contactName} rules={[required(r.contactName), { max: LIMITS.nameMax }]}>
            <Input maxLength={LIMITS.nameMax} data-testid="register-name" />
          </Form.Item>
          <Form.Item name={['contact', 'phone']} label={r.phone}
            rules={[required(r.phone), { pattern: new RegExp(PHONE_PATTERN), message: r.phoneInvalid }]}>
            <Input inputMode="tel" data-testid="register-phone" />
          </Form.Item>
          <Form.Item name={['contact', 'idNumber']} label={r.idNumber} rules={[{ pattern: new RegExp(ID_NUMBER_PATTERN), message: r.idInvalid }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name={['contact', 'address']} label={r.contactAddress} rules={[{ max: LIMITS.addressMax }]}>
            <Input maxLength={LIMITS.addressMax} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">{r.submit}</Button>
      </Form>
    </Card>
  );
}
