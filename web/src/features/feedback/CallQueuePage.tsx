import { Alert, App, Button, Card, Drawer, Form, Input, List, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { RATING_COMMENT_MAX, RATINGS, type Rating } from '../../../../common/contracts/ratings';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { consoleApi } from '../console/console-api';
import { kindLabel } from '../console/format';
import { useLoad } from '../portal/useLoad';
import { feedbackApi, type CallQueueItem } from './feedback-api';

type Tab = 'calling' | 'link_sent' | 'done';
type Values = { outcome: 'answered' | 'unreachable' | 'declined'; rating?: Rating; comment?: string; note?: string };

/** /console/follow-ups — the command centre's follow-up calls: the queue, the script, the number on request, the outcome. */
export function CallQueuePage() {
  const { t, locale } = useI18n();
  const q = t.feedback.queue;
  const kinds = useLoad(() => consoleApi.kinds(), []).data;
  const kindName = (code: string) => kindLabel(kinds, code, locale);
  const [tab, setTab] = useState<Tab>('calling');
  const [calling, setCalling] = useState<CallQueueItem>();
  const { data, error, loading, reload } = useLoad(() => feedbackApi.queue(tab), [tab]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="call-queue">
      <Typography.Title level={4} style={{ margin: 0 }}>{q.title}</Typography.Title>
      <Typography.Text type="secondary">{q.intro}</Typography.Text>
      <Segmented<Tab> value={tab} onChange={setTab} options={(['calling', 'link_sent', 'done'] as const).map((value) => ({ value, label: q.tabs[value] }))} />
      {error && <Alert type="error" showIcon title={error.message} />}
      <Table<CallQueueItem>
        rowKey={(r) => `${r.matterId}-${r.cycle}`} loading={loading} dataSource={data ?? []} size="small" scroll={{ x: 900 }}
        locale={{ emptyText: q.empty }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: q.caseNo, key: 'case', render: (_, r) => <Link to={`/console/matters/${r.matterId}`}>{r.caseNo}</Link> },
          { title: t.console.detail.kind, dataIndex: 'kind', render: kindName },
          { title: q.unit, key: 'unit', render: (_, r) => [r.handlerUnit.name, r.handlerOfficer?.name].filter(Boolean).join(' ') },
          { title: q.closedAt, dataIndex: 'closedAt', render: fmtTime },
          { title: q.dueAt, key: 'due', render: (_, r) => <Space size={4}>{fmtTime(r.dueAt)}{r.overdue && <Tag color="error">{q.overdue}</Tag>}</Space> },
          { title: q.phone, dataIndex: 'phoneMasked' },
          { title: q.attempts, dataIndex: 'callAttempts', align: 'right' },
          { title: q.status, dataIndex: 'status', render: (s: string) => <Tag>{t.feedback.status[s]}</Tag> },
          { title: q.actions, key: 'actions', fixed: 'right', render: (_, r) => (r.recused ? <Tag color="warning">{q.recused}</Tag>
            : tab !== 'done' && <Button size="small" type="primary" onClick={() => setCalling(r)} data-testid={`call-${r.matterId}`}>{q.call}</Button>) },
        ]}
      />
      {calling && <CallDrawer item={calling} kindName={kindName} onClose={(saved) => { setCalling(undefined); if (saved) reload(); }} />}
    </Space>
  );
}

function CallDrawer({ item, kindName, onClose }: { item: CallQueueItem; kindName: (code: string) => string; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const q = t.feedback.queue;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const [phone, setPhone] = useState<string>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const reveal = async () => {
    try {
      setPhone((await feedbackApi.reveal(item.matterId, q.revealReason)).phone ?? '—');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const onFinish = async (values: Values) => {
    setSending(true);
    setError(undefined);
    try {
      const comment = values.comment?.trim();
      const note = values.note?.trim();
      await feedbackApi.call(item.matterId, {
        cycle: item.cycle, version: item.version, outcome: values.outcome,
        ...(values.outcome === 'answered' ? { rating: values.rating, ...(comment ? { comment } : {}) } : {}), ...(note ? { note } : {}),
      });
      void message.success(q.saved);
      onClose(true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['rating', 'comment', 'note']);
      if (e.fields.length === 0 || rest.length > 0) setError(e.message);
    } finally {
      setSending(false);
    }
  };
  return (
    <Drawer open title={`${q.call} · ${item.caseNo}`} size={520} onClose={() => onClose(false)} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Card size="small" title={q.script}>
          <List size="small" dataSource={q.scriptSteps}
            renderItem={(step, i) => <List.Item>{i + 1}. {fill(step, { kind: kindName(item.kind), closedAt: fmtTime(item.closedAt) })}</List.Item>} />
        </Card>
        {item.reply && <Alert type="info" title={q.reply} description={item.reply} />}
        <Space>
          <Typography.Text>{q.phone}：{phone ? fill(q.revealed, { phone }) : item.phoneMasked}</Typography.Text>
          {!phone && <Button size="small" onClick={() => void reveal()}>{q.reveal}</Button>}
        </Space>
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={sending} initialValues={{ outcome: 'answered' }}>
          <Form.Item name="outcome" label={q.outcome} rules={[{ required: true }]}>
            <Radio.Group options={(['answered', 'unreachable', 'declined'] as const).map((value) => ({ value, label: q.outcomes[value] }))} />
          </Form.Item>
          {outcome === 'answered' && (
            <>
              <Form.Item name="rating" label={q.rating} rules={[{ required: true, message: q.ratingRequired }]}>
                <Radio.Group optionType="button" buttonStyle="solid" options={RATINGS.map((value) => ({ value, label: t.rating.values[value] }))} />
              </Form.Item>
              <Form.Item name="comment" label={q.comment}><Input.TextArea rows={2} maxLength={RATING_COMMENT_MAX} showCount /></Form.Item>
            </>
          )}
          <Form.Item name="note" label={q.note}><Input maxLength={500} /></Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={sending}>{q.save}</Button>
        </Form>
      </Space>
    </Drawer>
  );
}
