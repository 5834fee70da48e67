import { Alert, App, Button, Card, Descriptions, Form, Input, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { LIMITS } from '../../../../common/contracts/shared';
import type { PublicStatus } from '../../../../common/workflow';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime as time } from '../../lib/format';
import { portalApi } from './portal-api';
import { RatingCard } from './RatingCard';
import { RectificationFeedbackCard } from '../feedback/RectificationFeedbackCard';
import { PetitionDocumentsCard } from '../petitions/PetitionDocumentsCard';
import { OwnPostCard } from '../posts/OwnPostCard';
import { useLoad } from './useLoad';
import { AttachmentList } from '../attachments/AttachmentList';
import { AttachmentPicker } from '../attachments/AttachmentPicker';

const STATUS_COLORS: Record<PublicStatus, string> = {
  received: 'blue', in_progress: 'processing', awaiting_citizen: 'warning', replied: 'cyan', closed: 'success', not_accepted: 'default',
};

export function TrackLookupPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card title={t.track.title}>
      <Form layout="vertical" onFinish={({ code }: { code: string }) => navigate(`/track/${encodeURIComponent(code.trim())}`)}>
        <Form.Item name="code" label={t.track.code} rules={[{ required: true, whitespace: true, message: t.track.codeRequired }]}>
          <Input size="large" placeholder={t.track.codePlaceholder} autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block>{t.track.go}</Button>
      </Form>
    </Card>
  );
}

/** A small form that posts one text field and shows the server's field error next to it. */
function TextActionForm(props: {
  field: string; label: string; min: number; max: number; submitLabel: string; done: string;
  send: (text: string, files: File[]) => Promise<void>; onDone: () => void; withFiles?: boolean;
}) {
  const [files, setFiles] = useState<File[]>([]);
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const onFinish = async (values: Record<string, string>) => {
    setSending(true);
    setError(undefined);
    try {
      await props.send(values[props.field].trim(), files);
      message.success(props.done);
      form.resetFields();
      setFiles([]);
      props.onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, [props.field]);
      if (e.fields.length === 0 || rest.length > 0) setError(e.message);
    } finally {
      setSending(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={sending}>
      <Form.Item
        name={props.field} label={props.label}
        rules={[{ required: true, whitespace: true, message: fill(t.submit.required, { label: props.label }) }, { min: props.min, max: props.max, transform: (v?: string) => v?.trim() }]}
      >
        <Input.TextArea rows={3} showCount maxLength={props.max} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {props.withFiles && (
        <Form.Item label={t.attachments.label}>
          <AttachmentPicker value={files} onChange={setFiles} disabled={sending} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={sending}>{props.submitLabel}</Button>
    </Form>
  );
}

export function TrackPage() {
  const { t, locale } = useI18n();
  const code = useParams().code ?? '';
  const matter = useLoad(() => portalApi.matter(code), [code, locale]);
  const m = matter.data;

  if (matter.loading && !m) return <Card><Skeleton active /></Card>;
  if (matter.error || !m) {
    return (
      <Card title={t.track.title}>
        <Alert type="error" showIcon title={matter.error?.message} style={{ marginBottom: 16 }} />
        <Link to="/track"><Button>{t.track.again}</Button></Link>
      </Card>
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<span style={{ fontFamily: 'monospace' }}>{m.trackingCode}</span>}
        extra={<Tag color={STATUS_COLORS[m.status]} data-testid="status" style={{ marginInlineEnd: 0 }}>{m.statusLabel}</Tag>}
      >
        <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t.track.kind}>{m.kindName}</Descriptions.Item>
          <Descriptions.Item label={t.track.caseNo}>{m.caseNo}</Descriptions.Item>
          <Descriptions.Item label={t.track.receivedAt}>{time(m.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t.track.unit}>{m.handlingUnit}</Descriptions.Item>
          {m.dueAt && <Descriptions.Item label={t.track.dueAt}>{time(m.dueAt)}</Descriptions.Item>}
          <Descriptions.Item label={t.track.content}>
            <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }}>{m.content}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {m.status === 'awaiting_citizen' && (
        <Card title={t.track.request}>
          {m.request && <Alert type="warning" showIcon title={m.request} style={{ marginBottom: 16, whiteSpace: 'pre-wrap' }} />}
          <TextActionForm
            field="text" label={t.track.supplement} min={2} max={LIMITS.contentMax} submitLabel={t.track.sendSupplement} done={t.track.supplemented}
            send={(text, files) => portalApi.supplement(code, text, files)} onDone={matter.reload} withFiles
          />
        </Card>
      )}

      {m.attachments.length > 0 && (
        <Card title={t.attachments.title}>
          <AttachmentList items={m.attachments} href={(a) => portalApi.attachmentUrl(code, a.id)} />
        </Card>
      )}

      <OwnPostCard code={code} />

      <Card title={t.track.reply}>
        {m.reply ? (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.reply.text}</Typography.Paragraph>
            <Typography.Text type="secondary">{time(m.reply.at)}</Typography.Text>
          </>
        ) : <Typography.Text type="secondary">{t.track.noReply}</Typography.Text>}
      </Card>

      <PetitionDocumentsCard code={code} kind={m.kind} onChanged={matter.reload} />
      <RatingCard code={code} matter={m} onRated={matter.reload} />
      <RectificationFeedbackCard code={code} refresh={m} />

      <Card title={t.track.timeline}>
        <Timeline items={[...m.timeline].reverse().map((event) => ({
          content: (
            <>
              <div>{event.text}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{time(event.at)}</Typography.Text>
            </>
          ),
        }))} />
      </Card>

      {m.canReopenUntil && (
        <Card title={t.track.reopenTitle}>
          <Typography.Paragraph type="secondary">{fill(t.track.reopenHint, { until: time(m.canReopenUntil) })}</Typography.Paragraph>
          <TextActionForm
            field="reason" label={t.track.reason} min={LIMITS.reasonMin} max={LIMITS.reasonMax} submitLabel={t.track.reopen} done={t.track.reopened}
            send={(reason) => portalApi.reopen(code, reason)} onDone={matter.reload}
          />
        </Card>
      )}
      <Link to="/track"><Button type="link">{t.track.again}</Button></Link>
    </Space>
  );
}
