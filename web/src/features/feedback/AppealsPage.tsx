import { Alert, App, Button, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fill, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api-client';
import { fmtTime, RATING_COLORS } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { feedbackApi, type AppealListItem } from './feedback-api';

type Tab = 'pending' | 'decided';

/** /console/appeals — appeals against ratings, for a supervisor to decide on the record. */
export function AppealsPage() {
  const { t } = useI18n();
  const a = t.feedback.appeals;
  const c = t.feedback.card;
  const { message } = App.useApp();
  const [tab, setTab] = useState<Tab>('pending');
  const [deciding, setDeciding] = useState<AppealListItem>();
  const [form] = Form.useForm<{ decision: 'upheld' | 'rejected'; reason: string }>();
  const [error, setError] = useState<string>();
  const { data, error: loadError, loading, reload } = useLoad(() => feedbackApi.appeals(tab), [tab]);
  const decide = async () => {
    const values = await form.validateFields();
    try {
      await feedbackApi.decide(deciding!.matterId, deciding!.cycle, values);
      void message.success(a.decided);
      setDeciding(undefined);
      reload();
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
      else throw e;
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="appeals">
      <Typography.Title level={4} style={{ margin: 0 }}>{a.title}</Typography.Title>
      <Typography.Text type="secondary">{a.intro}</Typography.Text>
      <Segmented<Tab> value={tab} onChange={setTab} options={(['pending', 'decided'] as const).map((value) => ({ value, label: a.tabs[value] }))} />
      {loadError && <Alert type="error" showIcon title={loadError.message} />}
      <Table<AppealListItem>
        rowKey={(r) => `${r.matterId}-${r.cycle}`} loading={loading} dataSource={data ?? []} size="small" scroll={{ x: 900 }}
        locale={{ emptyText: a.empty }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: a.caseNo, key: 'case', render: (_, r) => <Link to={`/console/matters/${r.matterId}`}>{r.caseNo}</Link> },
          { title: a.rating, key: 'rating', render: (_, r) => <Space size={4} wrap><Tag color={RATING_COLORS[r.rating]}>{t.rating.values[r.rating]}</Tag>{r.comment}</Space> },
          { title: a.unit, key: 'unit', render: (_, r) => [r.unit.name, r.officer?.name].filter(Boolean).join(' ') },
          { title: a.appeal, key: 'appeal', render: (_, r) => fill(c.appealBy, { name: r.appeal.appealedBy, at: fmtTime(r.appeal.appealedAt), reason: r.appeal.reason }) },
          { title: a.decision, key: 'decision', render: (_, r) => (r.appeal.status === 'pending'
            ? (r.mayDecide ? <Button size="small" type="primary" onClick={() => { form.resetFields(); setError(undefined); setDeciding(r); }}>{a.decide}</Button>
              : <Tag color="warning">{a.conflict}</Tag>)
            : <Space orientation="vertical" size={0}><Tag>{c.appealStatus[r.appeal.status]}</Tag>
              {fill(c.decidedBy, { name: r.appeal.decidedBy ?? '', at: fmtTime(r.appeal.decidedAt), reason: r.appeal.decisionReason ?? '' })}</Space>) },
        ]}
      />
      <Modal open={!!deciding} title={a.decide} onOk={() => void decide()} onCancel={() => setDeciding(undefined)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{c.appealTip}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="decision" label={a.decision} rules={[{ required: true, message: a.decision }]}>
            <Radio.Group options={[{ value: 'upheld', label: a.upheld }, { value: 'rejected', label: a.rejected }]} />
          </Form.Item>
          <Form.Item name="reason" label={a.reason} rules={[{ required: true, whitespace: true, min: 2, message: a.reason }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </Space>
  );
}
