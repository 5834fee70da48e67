import { Alert, App, Button, Checkbox, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BOARD_KINDS, MAILBOX_KINDS, POST_LIMITS, type PostChannel } from '../../../../common/contracts/posts';
import { LIMITS, PHONE_PATTERN } from '../../../../common/contracts/shared';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { kindName, portalApi } from '../portal/portal-api';
import { useLoad } from '../portal/useLoad';
import { sendConfirmingDuplicate } from './confirm-duplicate';
import { postsApi, usePostsText, type PostResult } from './posts-api';

const FIELD_PATHS = ['kind', 'title', 'content', 'jurisdictionCode', 'contact.name', 'contact.phone', 'consent'] as const;
type Values = { kind: string; title: string; content: string; jurisdictionCode?: string; contact: { name: string; phone: string }; consent?: boolean };

/** The form of the 局长信箱 and of the 网上留言 board: a title, the text, the kind, a private contact; consent in the mailbox. */
export function PostForm({ channel }: { channel: PostChannel }) {
  const { locale } = useI18n();
  const p = usePostsText();
  const f = p.form;
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [result, setResult] = useState<PostResult>();
  const kinds = useLoad(portalApi.kinds, [locale]);
  const areas = useLoad(portalApi.jurisdictions, []);
  const allowed: readonly string[] = channel === 'mailbox' ? MAILBOX_KINDS : BOARD_KINDS;

  const onFinish = async (values: Values) => {
    setSending(true);
    setFormError(undefined);
    const body = {
      kind: values.kind, title: values.title.trim(), content: values.content.trim(),
      ...(values.jurisdictionCode ? { jurisdictionCode: values.jurisdictionCode } : {}),
      contact: { name: values.contact.name.trim(), phone: values.contact.phone.trim() },
      ...(channel === 'mailbox' ? { consent: values.consent === true } : {}),
    };
    try {
      const done = await sendConfirmingDuplicate(modal, { title: f.duplicateTitle, ok: f.duplicateOk, cancel: f.duplicateCancel },
        (confirmDuplicate) => postsApi.send(channel, confirmDuplicate ? { ...body, confirmDuplicate } : body, idempotencyKey));
      if (done) {
        setResult(done);
        setIdempotencyKey(crypto.randomUUID());
        form.resetFields();
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, FIELD_PATHS);
      setFormError(error.fields.length > 0 && rest.length === 0 ? error.message : [error.message, ...rest.map((x) => x.message)].join('；'));
    } finally {
      setSending(false);
    }
  };

  if (result) {
    return (
      <Result
        status="success" title={f.successTitle} data-testid="post-sent"
        subTitle={result.moderation === 'pending' ? f.successPending : f.successPrivate}
        extra={
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <Typography.Text type="secondary">{f.trackingCode}</Typography.Text>
              <div data-testid="tracking-code" style={{ fontSize: 'clamp(15px, 4vw, 24px)', fontWeight: 700, fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {result.trackingCode}
              </div>
            </div>
            <Space wrap style={{ justifyContent: 'center' }}>
              <Link to={`/track/${encodeURIComponent(result.trackingCode)}`}><Button type="primary">{f.trackIt}</Button></Link>
              <Button type="link" onClick={() => setResult(undefined)}>{f.another}</Button>
            </Space>
          </Space>
        }
      />
    );
  }

  const required = (label: string) => ({ required: true, whitespace: true, message: fill(f.required, { label }) });
  const stations = (areas.data ?? []).filter((j) => j.kind !== 'county');
  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={sending} scrollToFirstError requiredMark="optional"
      initialValues={{ consent: true }} data-testid={`${channel}-form`}>
      <Form.Item name="kind" label={f.kind} rules={[{ required: true, message: f.kindRequired }]}>
        <Select loading={kinds.loading}
          options={(kinds.data ?? []).filter((k) => allowed.includes(k.code)).map((k) => ({ value: k.code, label: kindName(k, locale) }))} />
      </Form.Item>
      <Form.Item name="title" label={f.title} rules={[required(f.title), {
        min: POST_LIMITS.titleMin, max: POST_LIMITS.titleMax, transform: (v?: string) => v?.trim(),
        message: fill(f.titleLength, { min: POST_LIMITS.titleMin, max: POST_LIMITS.titleMax }),
      }]}>
        <Input maxLength={POST_LIMITS.titleMax} showCount />
      </Form.Item>
      <Form.Item name="content" label={f.content} rules={[required(f.content), {
        min: POST_LIMITS.textMin, max: POST_LIMITS.textMax, transform: (v?: string) => v?.trim(),
        message: fill(f.contentLength, { min: POST_LIMITS.textMin, max: POST_LIMITS.textMax }),
      }]}>
        <Input.TextArea rows={5} showCount maxLength={POST_LIMITS.textMax} placeholder={f.contentPlaceholder} />
      </Form.Item>
      {stations.length > 0 && (
        <Form.Item name="jurisdictionCode" label={f.area}>
          <Select allowClear placeholder={f.areaPlaceholder} options={stations.map((j) => ({ value: j.code, label: j.name }))} />
        </Form.Item>
      )}
      <Alert type="info" showIcon title={f.privacy} style={{ marginBottom: 16 }} />
      <Form.Item name={['contact', 'name']} label={f.name} rules={[required(f.name), { max: LIMITS.nameMax }]}>
        <Input maxLength={LIMITS.nameMax} autoComplete="name" />
      </Form.Item>
      <Form.Item name={['contact', 'phone']} label={f.phone} rules={[required(f.phone), { pattern: new RegExp(PHONE_PATTERN), message: f.phoneInvalid }]}>
        <Input inputMode="tel" autoComplete="tel" maxLength={13} />
      </Form.Item>
      {channel === 'mailbox' && (
        <Form.Item name="consent" valuePropName="checked" extra={f.consentHint}>
          <Checkbox>{f.consent}</Checkbox>
        </Form.Item>
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Button type="primary" htmlType="submit" size="large" block loading={sending}>{f.send}</Button>
    </Form>
  );
}

