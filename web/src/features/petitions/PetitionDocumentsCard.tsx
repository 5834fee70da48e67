/**
 * On the portal's track page: the petition's notices and opinions with their dates (信访事项网上办理工作规程),
 * and inside the 30-day window the 申请复查 / 申请复核 form (信访工作条例 第三十五条、第三十六条).
 */
import { Alert, App, Button, Card, Form, Input, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { fill } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { usePetitionMessages } from './messages';
import { petitionsApi } from './petitions-api';

export function PetitionDocumentsCard({ code, kind, onChanged }: { code: string; kind: string; onChanged: () => void }) {
  if (kind !== 'petition') return null;
  return <Documents code={code} onChanged={onChanged} />;
}

function Documents({ code, onChanged }: { code: string; onChanged: () => void }) {
  const m = usePetitionMessages();
  const d = m.documents;
  const { message } = App.useApp();
  const view = useLoad(() => petitionsApi.portal(code), [code, m]);
  const [form] = Form.useForm<{ reason: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const v = view.data;
  if (!v) return null;
  const level = v.window ? d.levels[v.window.level] : '';

  const send = async ({ reason }: { reason: string }) => {
    setSending(true);
    setError(undefined);
    try {
      await petitionsApi.requestReview(code, reason.trim());
      message.success(d.sent);
      form.resetFields();
      view.reload();
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['reason']);
      if (e.fields.length === 0 || rest.length > 0) setError(e.message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={d.title} extra={<Tag color={v.final ? 'default' : 'processing'} data-testid="petition-stage" style={{ marginInlineEnd: 0 }}>{v.stageLabel}</Tag>}
      data-testid="petition-documents">
      <Timeline items={v.documents.map((doc) => ({
        content: (
          <div data-testid={`petition-doc-${doc.type}`}>
            <Typography.Text strong>{doc.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>{fmtTime(doc.at)}</Typography.Text>
            {doc.resultLabel && <div><Typography.Text type="secondary">{d.result}：</Typography.Text>{doc.resultLabel}</div>}
            {doc.text && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{doc.text}</Typography.Paragraph>}
            {doc.basis && <div><Typography.Text type="secondary">{d.basis}：</Typography.Text>{doc.basis}</div>}
          </div>
        ),
      }))} />
      {v.final && <Alert type="info" showIcon title={d.final} />}
      {v.window && (
        <>
          <Typography.Paragraph>{fill(d.window, { until: fmtTime(v.window.until), level })}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={send} disabled={sending}>
            <Form.Item name="reason" label={d.reason} rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: fill(m.portal.required, { label: d.reason }) }]}>
              <Input.TextArea rows={3} showCount maxLength={2000} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" loading={sending} block>{fill(d.apply, { level })}</Button>
          </Form>
        </>
      )}
    </Card>
  );
}
