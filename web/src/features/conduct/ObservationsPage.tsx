import { App, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { LIMITS } from '../../../../common/contracts/shared';
import { fill } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { conductApi, useConductMessages } from './conduct-api';

const STATUS_COLORS: Record<string, string> = { received: 'blue', in_progress: 'processing', awaiting_citizen: 'orange', replied: 'green', closed: 'default', not_accepted: 'red' };

/** 警风警纪监督员: file an observation (提交监督意见) and follow one's own (我的监督意见), with the status and the answer. */
export function ObservationsPage() {
  const m = useConductMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ content: string; namedOfficer?: string }>();
  const [busy, setBusy] = useState(false);
  const mine = useLoad(() => conductApi.mine(), []);

  async function submit(values: { content: string; namedOfficer?: string }) {
    setBusy(true);
    try {
      const created = await conductApi.observe({ content: values.content, ...(values.namedOfficer?.trim() ? { namedOfficer: values.namedOfficer.trim() } : {}) });
      message.success(fill(m.observe.sent, { caseNo: created.caseNo }));
      form.resetFields();
      mine.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, ['content', 'namedOfficer']);
      if (rest.length > 0 || error.fields.length === 0) message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={m.observe.title} id="observe">
        <Typography.Paragraph type="secondary">{m.observe.intro}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }} data-testid="observation-form">
          <Form.Item name="content" label={m.observe.content} rules={[{ required: true, min: LIMITS.contentMin, max: LIMITS.contentMax, message: m.observe.contentPlaceholder }]}>
            <Input.TextArea rows={5} maxLength={LIMITS.contentMax} showCount placeholder={m.observe.contentPlaceholder} />
          </Form.Item>
          <Form.Item name="namedOfficer" label={m.observe.namedOfficer}>
            <Input maxLength={100} placeholder={m.observe.namedOfficerPlaceholder} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{m.observe.send}</Button>
        </Form>
      </Card>
      <Card size="small" title={m.mine.title} id="mine" data-testid="my-observations">
        {mine.data && mine.data.length === 0 ? <Empty description={m.mine.empty} /> : (
          <List loading={mine.loading} dataSource={mine.data ?? []} renderItem={(o) => (
            <List.Item key={o.id}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{o.caseNo}</Typography.Text>
                  <Tag color={STATUS_COLORS[o.status]}>{o.statusLabel}</Tag>
                  <Typography.Text type="secondary">{m.mine.received} {fmtTime(o.receivedAt)}</Typography.Text>
                </Space>
                <div style={{ whiteSpace: 'pre-wrap' }}>{o.content}</div>
                <Typography.Text type={o.reply ? undefined : 'secondary'}>
                  {m.mine.reply}：{o.reply ? `${o.reply.text}（${fmtTime(o.reply.at)}）` : m.mine.noReply}
                </Typography.Text>
              </Space>
            </List.Item>
          )} />
        )}
      </Card>
    </Space>
  );
}
