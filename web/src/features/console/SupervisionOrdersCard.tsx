/** A matter's 督办单: instructions, issuer, due time with its countdown, status and answer; the addressed unit answers here. */
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { LIMITS } from '../../../../common/contracts/shared';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { consoleApi, type MatterSupervisionOrder, type MatterView } from './console-api';
import { fmtTime, formatSpan } from './format';

export function SupervisionOrdersCard({ matter, now, onAnswered }: { matter: MatterView; now: number; onAnswered: () => void }) {
  const { t } = useI18n();
  const c = t.console;
  const o = c.supervision;
  const [answering, setAnswering] = useState<MatterSupervisionOrder | null>(null);
  const orders = matter.supervisionOrders ?? [];
  if (orders.length === 0) return null; // most matters are never supervised

  return (
    <Card size="small" title={o.orders} data-testid="matter-supervision-orders">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {orders.map((order) => {
          const left = dayjs(order.dueAt).valueOf() - now;
          const status = order.status === 'open'
            ? <Tag color={order.overdue || left < 0 ? 'red' : 'gold'}>{o.open}</Tag>
            : <Tag color="green">{o.answered}</Tag>;
          return (
            <Descriptions key={order.id} size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
              data-testid={`supervision-order-${order.id}`}
              title={<Space wrap>{status}<Typography.Text>{`#${order.id}`}</Typography.Text></Space>}
              extra={order.canAnswer && (
                <Button type="primary" size="small" onClick={() => setAnswering(order)} data-testid={`answer-order-${order.id}`}>{o.answerButton}</Button>
              )}>
              <Descriptions.Item label={o.instructions} span={3}><div style={{ whiteSpace: 'pre-wrap' }}>{order.instructions}</div></Descriptions.Item>
              <Descriptions.Item label={o.issuedBy}>{order.issuedBy}（{fmtTime(order.issuedAt)}）</Descriptions.Item>
              <Descriptions.Item label={o.toUnit}>{order.toUnit}{order.toOfficer ? ` / ${order.toOfficer}` : ''}</Descriptions.Item>
              <Descriptions.Item label={o.dueAt}>
                <Space size={4} wrap>
                  {fmtTime(order.dueAt)}
                  {order.status === 'open' && (left < 0
                    ? <Typography.Text type="danger" strong>{fill(o.overdueBy, { time: formatSpan(left, c) })}</Typography.Text>
                    : <span>{fill(o.left, { time: formatSpan(left, c) })}</span>)}
                  {order.status !== 'open' && order.overdue && <Tag color="red">{o.late}</Tag>}
                </Space>
              </Descriptions.Item>
              {order.answer !== null && (
                <Descriptions.Item label={o.answer} span={3}>
                  <div style={{ whiteSpace: 'pre-wrap' }} data-testid="order-answer">{order.answer}</div>
                  <Typography.Text type="secondary">{order.answeredBy ?? ''} {fmtTime(order.answeredAt)}</Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          );
        })}
      </Space>
      {answering && (
        <AnswerModal matter={matter} order={answering} onClose={() => setAnswering(null)}
          onDone={() => { setAnswering(null); onAnswered(); }} />
      )}
    </Card>
  );
}

/** Asks for the answer (required); the server's refusals (already answered, not yours) come back as a message. */
function AnswerModal({ matter, order, onClose, onDone }: { matter: MatterView; order: MatterSupervisionOrder; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const c = t.console;
  const o = c.supervision;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const [busy, setBusy] = useState(false);

  async function submit({ answer }: { answer: string }) {
    setBusy(true);
    try {
      await consoleApi.answerSupervision(matter.id, order.id, answer);
      message.success(o.answeredOk);
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, ['answer']);
      if (error.fields.length === 0 || rest.length > 0) message.error(error.message);
      // Someone else answered meanwhile, or the order is not ours: show the order as it now is.
      if (error.status === 409 || error.status === 403) onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={fill(o.answerTitle, { caseNo: matter.caseNo })} onCancel={onClose} destroyOnHidden
      okText={c.form.ok} cancelText={c.form.cancel} onOk={() => form.submit()} confirmLoading={busy}>
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{order.instructions}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="answer" label={o.answerLabel} extra={o.answerHint}
          rules={[{ required: true, whitespace: true, message: fill(c.form.required, { label: o.answerLabel }) }]}>
          <Input.TextArea rows={4} maxLength={LIMITS.replyMax} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
