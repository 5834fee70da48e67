import { QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Divider, Form, Input, Modal, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime, RATING_COLORS } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { feedbackApi, type MatterFeedbackView } from './feedback-api';

type Rect = MatterFeedbackView['rectifications'][number];
type Rated = MatterFeedbackView['ratings'][number];

/**
 * 回访与评价 on the staff matter page, cycle by cycle: the follow-up, the rating (read-only: nobody on the
 * matter may record or change it) with its appeal, and the rectification after a 不满意, which the rated
 * unit answers here. Fetches its own data (GET …/feedback), again whenever the matter's version changes.
 */
export function FollowUpCard({ matterId, version, onChanged }: { matterId: number; version: number; onChanged: () => void }) {
  const { t } = useI18n();
  const c = t.feedback.card;
  const { data, reload } = useLoad(() => feedbackApi.matter(matterId), [matterId, version]);
  const [appealing, setAppealing] = useState<Rated>();
  const [deciding, setDeciding] = useState<Rated>();
  if (!data || (data.followUps.length === 0 && data.ratings.length === 0)) return null;
  const changed = () => { reload(); onChanged(); };
  const cycles = [...new Set([...data.followUps.map((f) => f.cycle), ...data.ratings.map((r) => r.cycle)])].sort((a, b) => a - b);

  return (
    <Card size="small" title={c.title} data-testid="follow-up-card">
      {cycles.map((cycle, i) => {
        const f = data.followUps.find((x) => x.cycle === cycle);
        const r = data.ratings.find((x) => x.cycle === cycle);
        const rect = data.rectifications.find((x) => x.cycle === cycle);
        return (
          <div key={cycle} data-testid={`follow-up-cycle-${cycle}`}>
            {i > 0 && <Divider style={{ margin: '12px 0' }} />}
            <Descriptions size="small" column={{ xs: 1, md: 2 }} title={cycles.length > 1 ? fill(c.cycleN, { n: cycle + 1 }) : undefined}>
              {f && (
                <Descriptions.Item label={c.followUp}>
                  <Space wrap size={4}>
                    <Tag data-testid="follow-up-status">{t.feedback.status[f.status]}</Tag>
                    {f.callAttempts > 0 && <Typography.Text type="secondary">{fill(c.attempts, { n: f.callAttempts })}</Typography.Text>}
                    {['pending', 'link_sent', 'calling'].includes(f.status) && <Typography.Text type="secondary">{c.dueAt} {fmtTime(f.dueAt)}</Typography.Text>}
                  </Space>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={c.rating}>
                {r ? (
                  <Space wrap size={4}>
                    <Tag color={RATING_COLORS[r.rating]} data-testid="follow-up-rating">{t.rating.values[r.rating]}</Tag>
                    {r.comment && <Typography.Text>{r.comment}</Typography.Text>}
                    <Typography.Text type="secondary">{t.feedback.via[r.via]} · {fmtTime(r.ratedAt)}</Typography.Text>
                  </Space>
                ) : <Typography.Text type="secondary">{c.noRating}</Typography.Text>}
              </Descriptions.Item>
              {r && <Descriptions.Item label={c.counts}>{[r.unit.name, r.officer?.name].filter(Boolean).join(' ')}</Descriptions.Item>}
              {r?.appeal && (
                <Descriptions.Item label={c.appeal} span={2}>
                  <Space orientation="vertical" size={2}>
                    <Tag color={r.appeal.status === 'upheld' ? 'warning' : r.appeal.status === 'rejected' ? 'default' : 'processing'}>
                      {c.appealStatus[r.appeal.status]}
                    </Tag>
                    <Typography.Text>{fill(c.appealBy, { name: r.appeal.appealedBy, at: fmtTime(r.appeal.appealedAt), reason: r.appeal.reason })}</Typography.Text>
                    {r.appeal.decidedBy && (
                      <Typography.Text>{fill(c.decidedBy, { name: r.appeal.decidedBy, at: fmtTime(r.appeal.decidedAt), reason: r.appeal.decisionReason ?? '' })}</Typography.Text>
                    )}
                  </Space>
                </Descriptions.Item>
              )}
            </Descriptions>
            {r && (r.mayAppeal || r.mayDecide) && (
              <Space style={{ marginTop: 8 }}>
                {r.mayAppeal && (
                  <>
                    <Button size="small" onClick={() => setAppealing(r)} data-testid="appeal">{c.appeal}</Button>
                    <Tooltip title={c.appealTip}><QuestionCircleOutlined aria-label={c.appealTip} /></Tooltip>
                  </>
                )}
                {r.mayDecide && <Button size="small" onClick={() => setDeciding(r)}>{c.decide}</Button>}
              </Space>
            )}
            {rect && <Rectification matterId={matterId} rect={rect} onDone={changed} />}
          </div>
        );
      })}
      {appealing && (
        <ReasonModal
          title={c.appeal} label={c.appealReason} okText={c.submit} help={c.appealTip}
          send={(reason) => feedbackApi.appeal(matterId, appealing.cycle, reason)} success={c.appealSent}
          onClose={(sent) => { setAppealing(undefined); if (sent) changed(); }}
        />
      )}
      {deciding && (
        <ReasonModal
          title={c.decide} label={t.feedback.appeals.reason} okText={c.submit} help={c.appealTip} decision
          send={(reason, decision) => feedbackApi.decide(matterId, deciding.cycle, { decision: decision!, reason })} success={t.feedback.appeals.decided}
          onClose={(sent) => { setDeciding(undefined); if (sent) changed(); }}
        />
      )}
    </Card>
  );
}

function Rectification({ matterId, rect, onDone }: { matterId: number; rect: Rect; onDone: () => void }) {
  const { t } = useI18n();
  const c = t.feedback.card;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ actionTaken: string; feedback: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const onFinish = async (values: { actionTaken: string; feedback: string }) => {
    setSending(true);
    setError(undefined);
    try {
      await feedbackApi.rectify(matterId, rect.cycle, values);
      void message.success(c.rectSent);
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['actionTaken', 'feedback']);
      if (e.fields.length === 0 || rest.length > 0) setError(e.message);
    } finally {
      setSending(false);
    }
  };
  return (
    <div style={{ marginTop: 12 }} data-testid="rectification">
      <Typography.Text strong>{c.rectification}（{rect.unit.name}）</Typography.Text>{' '}
      {rect.status === 'done' ? (
        <Space orientation="vertical" size={2} style={{ display: 'flex', marginTop: 4 }}>
          <Typography.Text type="secondary">{fill(c.rectDone, { at: fmtTime(rect.doneAt), name: rect.doneBy ?? '' })}</Typography.Text>
          <Typography.Text>{c.rectAction}：{rect.actionTaken}</Typography.Text>
          <Typography.Text>{c.rectFeedback}：{rect.feedback}</Typography.Text>
        </Space>
      ) : (
        <>
          <Tag color={rect.overdue ? 'error' : 'warning'}>{rect.overdue ? c.rectOverdue : fill(c.rectDue, { due: fmtTime(rect.dueAt) })}</Tag>
          {rect.mayAnswer && (
            <Form form={form} layout="vertical" onFinish={onFinish} disabled={sending} style={{ marginTop: 8 }}>
              <Form.Item name="actionTaken" label={c.rectAction} rules={[{ required: true, whitespace: true, min: 2, message: c.rectAction }]}>
                <Input.TextArea rows={2} maxLength={1000} showCount />
              </Form.Item>
              <Form.Item name="feedback" label={c.rectFeedback} rules={[{ required: true, whitespace: true, min: 2, message: c.rectFeedback }]}>
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
              <Button type="primary" htmlType="submit" loading={sending} data-testid="rectify">{c.rectAnswer}</Button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}

function ReasonModal({ title, label, okText, help, decision, send, success, onClose }: {
  title: string; label: string; okText: string; help: string; decision?: boolean; success: string;
  send: (reason: string, decision?: 'upheld' | 'rejected') => Promise<void>; onClose: (sent: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; decision?: 'upheld' | 'rejected' }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const ok = async () => {
    const values = await form.validateFields();
    setSending(true);
    setError(undefined);
    try {
      await send(values.reason, values.decision);
      void message.success(success);
      onClose(true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['reason', 'decision']);
      if (e.fields.length === 0 || rest.length > 0) setError(e.message);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title={title} okText={okText} confirmLoading={sending} onOk={() => void ok()} onCancel={() => onClose(false)} destroyOnHidden>
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        {decision && (
          <Form.Item name="decision" label={t.feedback.appeals.decision} rules={[{ required: true, message: t.feedback.appeals.decision }]}>
            <Radio.Group options={[{ value: 'upheld', label: t.feedback.appeals.upheld }, { value: 'rejected', label: t.feedback.appeals.rejected }]} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, min: 2, message: label }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
