import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { MatterAction } from '../../../../common/workflow';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { useLoad } from '../portal/useLoad';
import { ActionModal, ACTION_FIELDS } from './ActionModal';
import { consoleApi, type Deadline, type MatterView, type Contact, type Revealed } from './console-api';
import { fmtTime, formatSpan, kindLabel, StateTag } from './format';
import { RatingsCard } from './RatingsCard';
import { FollowUpCard } from '../feedback/FollowUpCard';
import { SupervisionOrdersCard } from './SupervisionOrdersCard';
import { AttachmentsCard } from './AttachmentsCard';
import { MatterPostCard } from '../posts/MatterPostCard';
import { ConductCard } from '../conduct/ConductCard';
import { ProposalCard } from '../proposals/ProposalCard';
import { PetitionCard } from '../petitions/PetitionCard';

/** The clock for countdowns, ticking each 30 s. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function MatterPage() {
  const { id } = useParams();
  const matterId = Number(id);
  const { t, locale } = useI18n();
  const c = t.console;
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const matter = useLoad(() => consoleApi.matter(matterId), [matterId]);
  const kinds = useLoad(() => consoleApi.kinds(), []);
  const [action, setAction] = useState<MatterAction | null>(null);
  const [revealing, setRevealing] = useState(false);
  const now = useNow();

  if (matter.loading && !matter.data) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (matter.error || !matter.data) return <Result status="warning" title={matter.error?.message} extra={<Button onClick={() => navigate('/console')}>{c.detail.back}</Button>} />;
  const m = matter.data;

  async function direct(a: MatterAction) {
    try {
      await consoleApi.act(m.id, a, { version: m.version });
      message.success(c.form.done);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'VERSION_CONFLICT') message.warning(error.message);
      else message.error(error.message);
    }
    matter.reload();
  }

  function run(a: MatterAction) {
    if (ACTION_FIELDS[a]) setAction(a);
    else if (a === 'close') modal.confirm({ title: c.form.confirmClose, okText: c.form.ok, cancelText: c.form.cancel, onOk: () => direct('close') });
    else void direct(a);
  }

  const person = (unit: { name: string }, officer: { name: string } | null) => `${unit.name}${officer ? ` / ${officer.name}` : ''}`;
  const actions = m.allowedActions;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap align="center">
          <Button icon={<ArrowLeftOutlined />} type="text" onClick={() => navigate(-1)} aria-label={c.detail.back} />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-no">{m.caseNo}</Typography.Title>
          <StateTag state={m.state} locale={locale} />
          {m.overdue && <Tag color="red">{c.overdue}</Tag>}
          <Typography.Text type="secondary">{c.detail.trackingCode}: <Typography.Text data-testid="tracking-code">{m.trackingCode}</Typography.Text></Typography.Text>
        </Space>
        {actions.length > 0 && (
          <div style={{ marginTop: 12, display: 'flex', gap: 8, flexWrap: 'wrap' }} data-testid="actions">
            {actions.map((a) => (
              <Button key={a} type={a === 'accept' || a === 'acceptTransfer' || a === 'reply' ? 'primary' : 'default'} danger={a === 'reject'} onClick={() => run(a)}>
                {c.actions[a] ?? a}
              </Button>
            ))}
          </div>
        )}
        {m.pendingTransfer && (
          <Alert style={{ marginTop: 12 }} type="info" showIcon
            title={fill(c.detail.pendingTransfer, { unit: person(m.pendingTransfer.toUnit, m.pendingTransfer.toOfficer), reason: m.pendingTransfer.reason })} />
        )}
      </Card>

      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} bordered>
          <Descriptions.Item label={c.detail.kind}>{kindLabel(kinds.data, m.kind, locale)}</Descriptions.Item>
          <Descriptions.Item label={c.detail.channel}>{c.channels[m.channel] ?? m.channel}</Descriptions.Item>
          <Descriptions.Item label={c.detail.received}>{fmtTime(m.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={c.detail.jurisdiction}>{m.jurisdiction}</Descriptions.Item>
          <Descriptions.Item label={c.detail.first}>{person(m.firstUnit, m.firstOfficer)}</Descriptions.Item>
          <Descriptions.Item label={c.detail.handler}>{person(m.handlerUnit, m.handlerOfficer)}</Descriptions.Item>
          <Descriptions.Item label={c.detail.location} span={3}>{m.location.address ?? c.detail.none}</Descriptions.Item>
          <Descriptions.Item label={c.detail.content} span={3}><div style={{ whiteSpace: 'pre-wrap' }}>{m.content}</div></Descriptions.Item>
          <Descriptions.Item label={c.detail.contact} span={3}>
            <Space wrap data-testid="contact">
              <ContactText contact={m.contact} />
              <Button size="small" onClick={() => setRevealing(true)}>{c.detail.reveal}</Button>
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={c.detail.deadlines}>
        <Deadlines deadlines={m.deadlines} now={now} />
      </Card>

      <SupervisionOrdersCard matter={m} now={now} onAnswered={() => matter.reload()} />

      <ProposalCard matterId={m.id} channel={m.channel} onChanged={() => matter.reload()} />

      <RatingsCard matter={m} />
      <FollowUpCard matterId={m.id} version={m.version} onChanged={() => matter.reload()} />

      <ConductCard matterId={m.id} version={m.version} onChanged={() => matter.reload()} />
      <PetitionCard matterId={m.id} kind={m.kind} version={m.version} onChanged={() => matter.reload()} />

      <MatterPostCard matterId={m.id} />

      <AttachmentsCard matter={m} onAdded={() => matter.reload()} />

      <Card size="small" title={c.detail.timeline}>
        <Timeline
          data-testid="timeline"
          items={m.timeline.map((e) => ({
            color: e.visibility === 'internal' ? 'gray' : 'blue',
            content: (
              <div>
                <Space size={4} wrap>
                  <Typography.Text strong>{c.events[e.type] ?? e.type}</Typography.Text>
                  {e.visibility === 'internal' && <Tag>{c.detail.internal}</Tag>}
                  <Typography.Text type="secondary">{fmtTime(e.at)} {e.actor ?? ''}</Typography.Text>
                </Space>
                {eventText(e) && <div style={{ whiteSpace: 'pre-wrap' }}>{eventText(e)}</div>}
              </div>
            ),
          }))}
        />
      </Card>

      <ActionModal matter={m} action={action} onClose={() => setAction(null)}
        onDone={() => { setAction(null); matter.reload(); }} onConflict={() => { setAction(null); matter.reload(); }} />
      {revealing && <RevealModal matter={m} onClose={() => setRevealing(false)} />}
    </Space>
  );
}

/** What an event says beyond its type: the reason, the reply, the request, the note. */
function eventText(e: MatterView['timeline'][number]): string {
  const p = e.payload;
  const files = Array.isArray(p.attachments) ? (p.attachments as { name: string }[]).map((a) => a.name).join('、') : undefined; // 附件 the event brought
  const text = [p.text, p.request, p.instructions, p.answer, p.toUnitName ? `→ ${String(p.toUnitName)}` : undefined, files].filter((x) => typeof x === 'string' && x !== '').join(' ');
  return [text, e.reason].filter(Boolean).join(' · ');
}

function ContactText({ contact }: { contact: Contact }) {
  const { t } = useI18n();
  const d = t.console.detail;
  const parts = [
    [d.contactName, contact.name], [d.phone, contact.phone], [d.idNumber, contact.idNumber], [d.address, contact.address],
  ].filter(([, v]) => v);
  return <span>{parts.length ? parts.map(([k, v]) => <span key={k} style={{ marginInlineEnd: 12 }}>{k}: <span data-testid={`contact-${k}`}>{v}</span></span>) : d.none}</span>;
}

function Deadlines({ deadlines, now }: { deadlines: Deadline[]; now: number }) {
  const { t } = useI18n();
  const c = t.console;
  return (
    <Table<Deadline>
      size="small" pagination={false} rowKey={(d) => `${d.stage}-${d.cycle}`} dataSource={deadlines} scroll={{ x: 480 }}
      columns={[
        { title: c.detail.stage, dataIndex: 'stage', render: (s: string, d) => `${c.stages[s] ?? s}${d.cycle > 1 ? ` (${d.cycle})` : ''}` },
        { title: c.detail.dueAt, dataIndex: 'dueAt', render: fmtTime },
        {
          title: c.detail.remaining, key: 'remaining',
          render: (_, d) => {
            const tags = (
              <>
                {d.paused && <Tag color="purple">{c.paused}</Tag>}
                {d.provisional && <Tag color="gold">{c.provisional}</Tag>}
                {d.extended && <Tag>{c.extended}</Tag>}
              </>
            );
            if (d.status !== 'active') {
              return <Space size={4}>{d.overdue ? <Tag color="red">{c.overdue}</Tag> : <Tag color="green">{c.detail.met}</Tag>}{d.metAt && fmtTime(d.metAt)}{tags}</Space>;
            }
            const left = dayjs(d.dueAt).valueOf() - now;
            return (
              <Space size={4} wrap>
                {d.overdue || left < 0
                  ? <Typography.Text type="danger" strong>{fill(c.detail.overdueBy, { time: formatSpan(left, c) })}</Typography.Text>
                  : <span>{fill(c.detail.left, { time: formatSpan(left, c) })}</span>}
                {tags}
              </Space>
            );
          },
        },
      ]}
    />
  );
}

/** Asks for a reason, then shows the full values in the modal only; nothing is kept after it closes. */
function RevealModal({ matter, onClose }: { matter: MatterView; onClose: () => void }) {
  const { t } = useI18n();
  const c = t.console;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [full, setFull] = useState<Revealed | null>(null);

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    try {
      setFull(await consoleApi.reveal(matter.id, reason));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, ['reason']);
      if (error.fields.length === 0 || rest.length > 0) message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={c.detail.revealTitle} onCancel={onClose} destroyOnHidden
      footer={full ? <Button onClick={onClose}>{c.form.ok}</Button> : undefined}
      okText={c.form.ok} cancelText={c.form.cancel} onOk={() => form.submit()} confirmLoading={busy}>
      {full ? (
        <div data-testid="revealed">
          <Typography.Paragraph type="secondary">{c.detail.revealed}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={c.detail.trackingCode}><Typography.Text copyable>{full.trackingCode}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={c.detail.contactName}>{full.name ?? c.detail.none}</Descriptions.Item>
            <Descriptions.Item label={c.detail.phone}>{full.phone ?? c.detail.none}</Descriptions.Item>
            <Descriptions.Item label={c.detail.idNumber}>{full.idNumber ?? c.detail.none}</Descriptions.Item>
            <Descriptions.Item label={c.detail.address}>{full.address ?? c.detail.none}</Descriptions.Item>
          </Descriptions>
        </div>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Typography.Paragraph type="secondary">{c.detail.revealHint}</Typography.Paragraph>
          <Form.Item name="reason" label={c.detail.revealReason}
            rules={[{ required: true, whitespace: true, message: fill(c.form.required, { label: c.detail.revealReason }) }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
