import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ID_NUMBER_PATTERN, LIMITS, PHONE_PATTERN } from '../../../../common/contracts/shared';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { kindName, portalApi, type SubmissionResult } from './portal-api';
import type { MapPoint } from '../../components/JurisdictionMap';
import { MapPointField } from './MapPointField';
import { useLoad } from './useLoad';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import { sendConfirmingDuplicate } from '../posts/confirm-duplicate';
import { usePostsText } from '../posts/posts-api';
import { ConductSubmitFields } from '../conduct/ConductSubmitFields';

/** Field names follow the API body, so the form's values are the request and server errors land on their field. */
const FIELD_PATHS = ['kind', 'content', 'location.address', 'jurisdictionCode', 'contact.name', 'contact.phone', 'contact.idNumber', 'aboutOfficer', 'namedOfficer', 'anonymous'] as const;

type Values = {
  kind: string; content: string; location?: { address?: string }; jurisdictionCode?: string;
  contact: { name: string; phone: string; idNumber?: string };
  aboutOfficer?: boolean; namedOfficer?: string; anonymous?: boolean; // 投诉 and 举报 (features/conduct)
};

/** Drops empty optional fields: the API refuses an empty string where it expects a value or nothing. */
function toBody(values: Values, pin?: MapPoint) {
  const address = values.location?.address?.trim();
  const anonymous = values.kind === 'report' && values.anonymous === true;
  const idNumber = values.contact?.idNumber?.trim();
  const aboutOfficer = (values.kind === 'complaint' || values.kind === 'report') && values.aboutOfficer === true;
  const namedOfficer = values.namedOfficer?.trim();
  return {
    kind: values.kind,
    content: values.content.trim(),
    ...(address || pin ? { location: { ...(address ? { address } : {}), ...(pin ? { lng: pin.lng, lat: pin.lat } : {}) } } : {}),
    ...(values.jurisdictionCode ? { jurisdictionCode: values.jurisdictionCode } : {}),
    // An anonymous report carries no contact at all; the officer's name belongs to complaints and reports only.
    ...(anonymous ? { anonymous: true } : { contact: { name: values.contact.name.trim(), phone: values.contact.phone.trim(), ...(idNumber ? { idNumber } : {}) } }),
    ...(aboutOfficer ? { aboutOfficer: true, ...(namedOfficer ? { namedOfficer } : {}) } : {}),
  };
}

export function SubmitPage() {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const duplicate = usePostsText().form;
  const [form] = Form.useForm<Values>();
  // One key per form instance: a retry after a lost answer is recognised by the server, never registered twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [result, setResult] = useState<SubmissionResult>();
  const [pin, setPin] = useState<MapPoint>();
  // 附件: kept in the browser, checked there, sent with the form as multipart.
  const [files, setFiles] = useState<File[]>([]);
  const kinds = useLoad(portalApi.kinds, [locale]);
  const areas = useLoad(portalApi.jurisdictions, []);
  const stations = (areas.data ?? []).filter((j) => j.kind !== 'county');
  const kind = Form.useWatch('kind', form);
  const anonymous = Form.useWatch('anonymous', form) === true && kind === 'report';
  const aboutOfficer = Form.useWatch('aboutOfficer', form) === true;
  // The home page's 投诉 and 举报 entries open this form with ?kind=: choose that kind once the kinds are known.
  const [searchParams] = useSearchParams();
  const presetKind = searchParams.get('kind');
  const kindCodes = (kinds.data ?? []).map((k) => k.code).join(',');
  useEffect(() => {
    if (presetKind && kindCodes.split(',').includes(presetKind)) form.setFieldValue('kind', presetKind);
  }, [presetKind, kindCodes, form]);

  const onFinish = async (values: Values) => {
    setSending(true);
    setFormError(undefined);
    try {
      // The same text from the same phone within a day: the server's warning is shown and the person decides.
      const done = await sendConfirmingDuplicate(modal, { title: duplicate.duplicateTitle, ok: duplicate.duplicateOk, cancel: duplicate.duplicateCancel },
        (confirmDuplicate) => portalApi.submit({ ...toBody(values, pin), ...(confirmDuplicate ? { confirmDuplicate } : {}) }, idempotencyKey, files));
      if (!done) return;
      setResult(done);
      setIdempotencyKey(crypto.randomUUID());
      form.resetFields();
      setPin(undefined);
      setFiles([]);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, FIELD_PATHS);
      setFormError(error.fields.length > 0 && rest.length === 0 ? error.message : [error.message, ...rest.map((f) => f.message)].join('；'));
    } finally {
      setSending(false);
    }
  };

  if (result) {
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(result.trackingCode);
        message.success(t.submit.copied);
      } catch {
        message.warning(t.submit.copyFailed);
      }
    };
    return (
      <Card>
        <Result
          status="success"
          title={t.submit.successTitle}
          subTitle={t.submit.successText}
          extra={
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <div>
                <Typography.Text type="secondary">{t.submit.trackingCode}</Typography.Text>
                <div data-testid="tracking-code" style={{ fontSize: 'clamp(15px, 4vw, 28px)', fontWeight: 700, fontFamily: 'monospace', wordBreak: 'break-all' }}>
                  {result.trackingCode}
                </div>
              </div>
              <Space wrap style={{ justifyContent: 'center' }}>
                <Button icon={<CopyOutlined />} onClick={copy}>{t.submit.copy}</Button>
                <Link to={`/track/${encodeURIComponent(result.trackingCode)}`}><Button type="primary">{t.submit.trackIt}</Button></Link>
                <Button type="link" onClick={() => setResult(undefined)}>{t.submit.another}</Button>
              </Space>
            </Space>
          }
        />
      </Card>
    );
  }

  const required = (label: string) => ({ required: true, whitespace: true, message: fill(t.submit.required, { label }) });
  return (
    <Card title={t.submit.title}>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={sending} scrollToFirstError requiredMark="optional">
        <Form.Item name="kind" label={t.submit.kind} rules={[{ required: true, message: t.submit.kindRequired }]}>
          <Select
            loading={kinds.loading}
            options={(kinds.data ?? []).map((kind) => ({ value: kind.code, label: kindName(kind, locale) }))}
          />
        </Form.Item>
        <Form.Item
          name="content" label={t.submit.content}
          rules={[required(t.submit.content), {
            min: LIMITS.contentMin, max: LIMITS.contentMax, transform: (v?: string) => v?.trim(),
            message: fill(t.submit.contentLength, { min: LIMITS.contentMin, max: LIMITS.contentMax }),
          }]}
        >
          <Input.TextArea rows={5} showCount maxLength={LIMITS.contentMax} placeholder={t.submit.contentPlaceholder} />
        </Form.Item>
        <Form.Item name={['location', 'address']} label={t.submit.address} rules={[{ max: LIMITS.addressMax }]}>
          <Input maxLength={LIMITS.addressMax} placeholder={t.submit.addressPlaceholder} />
        </Form.Item>
        {stations.length > 0 && (
          <Form.Item name="jurisdictionCode" label={t.submit.area}>
            <Select allowClear placeholder={t.submit.areaPlaceholder} options={stations.map((j) => ({ value: j.code, label: j.name }))} />
          </Form.Item>
        )}
        <MapPointField form={form} jurisdictions={areas.data ?? []} value={pin} onChange={setPin} />
        <ConductSubmitFields kind={kind} aboutOfficer={aboutOfficer} anonymous={anonymous} />
        {!anonymous && <>
        <Form.Item name={['contact', 'name']} label={t.submit.contactName} rules={[required(t.submit.contactName), { max: LIMITS.nameMax }]}>
          <Input maxLength={LIMITS.nameMax} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name={['contact', 'phone']} label={t.submit.phone}
          rules={[required(t.submit.phone), { pattern: new RegExp(PHONE_PATTERN), message: t.submit.phoneInvalid }]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={13} />
        </Form.Item>
        <Form.Item name={['contact', 'idNumber']} label={t.submit.idNumber} rules={[{ pattern: new RegExp(ID_NUMBER_PATTERN), message: t.submit.idInvalid }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        </>}
        <Form.Item label={t.attachments.label}>
          <AttachmentPicker value={files} onChange={setFiles} disabled={sending} />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Button type="primary" htmlType="submit" size="large" block loading={sending}>{t.submit.send}</Button>
      </Form>
    </Card>
  );
}
