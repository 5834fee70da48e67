import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { CONTACT_MANNERS, REPLY_CLASSES } from '../../../../common/contracts/proposals';
import { fill } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { CLASS_COLORS, proposalsApi, RATING_TAG, useProposalsText } from './proposals-api';

type Mode = 'contact' | 'opinion' | 'reply' | 'redo';
const FIELDS: Record<Mode, string[]> = {
  contact: ['manner', 'note'], opinion: ['opinion'], reply: ['replyClass', 'text', 'commitment', 'commitmentDue'], redo: ['reason'],
};

/**
 * 建议提案 on the matter page: the proposer (masked), the lead unit, the first contact, each co-unit's written
 * opinion against its due date, and every cycle's classed reply with the proposer's evaluation (a redo shows as a
 * second reply). It loads its own data and shows nothing for a matter that is not a proposal.
 */
export function ProposalCard({ matterId, channel, onChanged }: { matterId: number; channel: string; onChanged: () => void }) {
  const p = useProposalsText();
  const c = p.card;
  const { message } = App.useApp();
  const [mode, setMode] = useState<Mode>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const view = useLoad(() => (channel === 'proposal' ? proposalsApi.ofMatter(matterId) : Promise.resolve(undefined)), [matterId, channel]);
  const replyClass = Form.useWatch('replyClass', form) as string | undefined;
  const d = view.data;
  if (!d) return null;

  const open = (next: Mode) => { form.resetFields(); setMode(next); };
  async function submit() {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body = { ...values, ...(values.commitmentDue ? { commitmentDue: dayjs(values.commitmentDue).format('YYYY-MM-DD') } : {}) };
      if (mode === 'opinion') await proposalsApi.opinion(matterId, body);
      else await proposalsApi[mode!](matterId, { ...body, version: d!.version });
      message.success(c.done);
      setMode(undefined);
      view.reload();
      onChanged();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, FIELDS[mode!]);
      if (rest.length > 0 || error.fields.length === 0) message.error(error.message);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card size="small" title={`${c.title} · ${p.types[d.proposerType]}`} data-testid="proposal-card"
      extra={(
        <Space wrap>
          {d.may.contact && <Button size="small" onClick={() => open('contact')}>{c.contact}</Button>}
          {d.may.opinion && <Button size="small" type="primary" onClick={() => open('opinion')}>{c.opinion}</Button>}
          {d.may.reply && <Button size="small" type="primary" onClick={() => open('reply')}>{c.reply}</Button>}
          {d.may.redo && <Button size="small" danger onClick={() => open('redo')}>{c.redo}</Button>}
        </Space>
      )}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={p.fields.session}>{d.session} · {p.fields.number} {d.number}</Descriptions.Item>
        <Descriptions.Item label={p.fields.title}>{d.title}</Descriptions.Item>
        <Descriptions.Item label={c.proposer}>{d.proposer.name} {d.proposer.phone}</Descriptions.Item>
        <Descriptions.Item label={c.leadUnit}>{d.leadUnit.name}</Descriptions.Item>
        <Descriptions.Item label={c.firstContact} span={2}>
          {d.firstContact ? `${fmtTime(d.firstContact.at)} ${p.manners[d.firstContact.manner] ?? d.firstContact.manner}：${d.firstContact.note}` : c.notContacted}
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} style={{ fontSize: 14 }}>{c.coUnits}</Typography.Title>
      {d.coUnits.length === 0 ? <Typography.Text type="secondary">{c.noCoUnits}</Typography.Text> : (
        <Timeline items={d.coUnits.map((u) => ({
          color: u.opinion ? 'green' : u.overdue ? 'red' : 'gray',
          content: (
            <div data-testid="co-unit">
              <Space wrap><strong>{u.unit.name}</strong><span>{fill(c.due, { at: fmtTime(u.dueAt) })}</span>
                {u.overdue && <Tag color="red">{c.overdue}</Tag>}</Space>
              <div style={{ whiteSpace: 'pre-wrap' }}>{u.opinion ? `${u.opinion}（${u.submittedBy ?? ''} ${fmtTime(u.submittedAt)}）` : c.pending}</div>
            </div>
          ),
        }))} />
      )}

      <Typography.Title level={5} style={{ fontSize: 14 }}>{c.replies}</Typography.Title>
      {d.replies.length === 0 ? <Typography.Text type="secondary">{c.noReply}</Typography.Text> : d.replies.map((r) => (
        <Card key={r.cycle} size="small" type="inner" style={{ marginBottom: 8 }} data-testid="proposal-reply"
          title={<Space wrap>{r.cycle === 0 ? fill(c.round, { n: 1 }) : `${c.redoRound}（${r.cycle}）`}
            <Tag color={CLASS_COLORS[r.replyClass]} data-testid="reply-class">{p.classes[r.replyClass]}</Tag></Space>}
          extra={<Typography.Text type="secondary">{r.unit} {r.repliedBy} {fmtTime(r.repliedAt)}</Typography.Text>}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>
          {r.commitment && <div>{fill(c.commitment, { text: r.commitment, due: r.commitmentDue ?? '' })}</div>}
          <div>{c.evaluation}：{r.rating
            ? <><Tag color={RATING_TAG[r.rating.rating]}>{p.ratings[r.rating.rating]}</Tag>{r.rating.comment ?? ''}</>
            : <Typography.Text type="secondary">{c.notRated}</Typography.Text>}</div>
        </Card>
      ))}

      <Modal open={mode !== undefined} title={mode ? c[mode] : ''} onOk={() => void submit()} confirmLoading={saving}
        onCancel={() => setMode(undefined)} destroyOnHidden>
        <Form form={form} name="proposal" layout="vertical" preserve={false}>
          {mode === 'contact' && <>
            <Form.Item name="manner" label={c.manner} rules={[{ required: true }]}>
              <Select options={CONTACT_MANNERS.map((v) => ({ value: v, label: p.manners[v] }))} />
            </Form.Item>
            <Form.Item name="note" label={c.note} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          </>}
          {mode === 'opinion' && <Form.Item name="opinion" label={c.opinionText} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>}
          {mode === 'reply' && <>
            <Form.Item name="replyClass" label={p.fields.replyClass} rules={[{ required: true }]}>
              <Select options={REPLY_CLASSES.map((v) => ({ value: v, label: p.classes[v] }))} />
            </Form.Item>
            <Form.Item name="text" label={c.replyText} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
            {(replyClass === 'B' || replyClass === 'C') && <>
              <Form.Item name="commitment" label={c.commitmentText} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
              <Form.Item name="commitmentDue" label={c.commitmentDue} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
            </>}
          </>}
          {mode === 'redo' && <Form.Item name="reason" label={c.redoReason} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>}
        </Form>
      </Modal>
    </Card>
  );
}
