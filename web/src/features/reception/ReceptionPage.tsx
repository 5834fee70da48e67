import { App, Button, Card, Empty, Form, Input, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { fill } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { useLoad } from '../portal/useLoad';
import { receptionPortalApi, useReceptionText, type Booking, type PublicDay } from './reception-api';

const hhmm = (iso: string) => dayjs(iso).format('HH:mm');
const FIELDS = ['name', 'phone', 'subject', 'slotNo'];
type Booked = Awaited<ReturnType<typeof receptionPortalApi.book>>;

/**
 * 局长接访日 (/reception), phone first: the published days with their free slots, a short booking form (name,
 * phone, what it is about), the code on success, and looking up or cancelling a booking with its code.
 */
export function ReceptionPage() {
  const r = useReceptionText().portal;
  const days = useLoad(() => receptionPortalApi.days(), []);
  const [booked, setBooked] = useState<Booked>();
  if (booked) {
    return (
      <Card>
        <Result status="success" title={r.booked} data-testid="booking-result"
          subTitle={fill(r.bookedText, { day: booked.day, time: hhmm(booked.slotStartsAt), leader: booked.leaderName, place: booked.place })}
          extra={<Space orientation="vertical"><Typography.Text>{r.code}</Typography.Text>
            <Typography.Text copyable strong style={{ fontSize: 22, letterSpacing: 2 }} data-testid="booking-code">{booked.code}</Typography.Text></Space>} />
      </Card>
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={r.title}>
        <Typography.Paragraph type="secondary">{r.intro}</Typography.Paragraph>
        {days.loading ? <Spin /> : days.error ? <Typography.Text type="danger">{days.error.message}</Typography.Text>
          : (days.data ?? []).length === 0 ? <Empty description={r.empty} />
          : <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {days.data!.map((d) => <DayCard key={d.id} day={d} onBooked={setBooked} onRefused={() => days.reload()} />)}
            </Space>}
      </Card>
      <LookUp />
    </Space>
  );
}

function DayCard({ day, onBooked, onRefused }: { day: PublicDay; onBooked: (b: Booked) => void; onRefused: () => void }) {
  const r = useReceptionText().portal;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const free = day.slots.filter((s) => s.free);

  async function submit(v: { slotNo: number; name: string; phone: string; subject: string }) {
    setSaving(true);
    try {
      onBooked(await receptionPortalApi.book({ dayId: day.id, slotNo: v.slotNo, name: v.name.trim(), phone: v.phone, subject: v.subject.trim() }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, FIELDS);
      if (rest.length > 0 || error.fields.length === 0) message.error(error.message);
      // A slot taken meanwhile, or the day filled: show the slots as they are now.
      if (error.status === 409) onRefused();
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" type="inner" data-testid="reception-day"
      title={<Space wrap><strong>{dayjs(day.day).format('YYYY-MM-DD dddd')}</strong><Tag color="blue">{day.leaderName}</Tag></Space>}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {r.place}：{day.place}{day.topics ? <><br />{r.topics}：{day.topics}</> : null}
      </Typography.Paragraph>
      {free.length === 0 ? <Tag>{r.full}</Tag> : (
        <Form form={form} name={`day${day.id}`} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="slotNo" label={r.pickSlot} rules={[{ required: true, message: r.pickSlot }]}>
            <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
              options={day.slots.map((s) => ({ value: s.slotNo, label: `${hhmm(s.startsAt)}–${hhmm(s.endsAt)}`, disabled: !s.free }))} />
          </Form.Item>
          <Form.Item name="name" label={r.name} rules={[{ required: true, max: 30, whitespace: true }]}><Input autoComplete="name" /></Form.Item>
          <Form.Item name="phone" label={r.phone} rules={[{ required: true, pattern: /^1[3-9][0-9]{9}$/, message: r.phoneInvalid }]}>
            <Input inputMode="tel" autoComplete="tel" maxLength={11} />
          </Form.Item>
          <Form.Item name="subject" label={r.subject} rules={[{ required: true, min: 5, max: 500 }]}>
            <Input.TextArea rows={3} placeholder={r.subjectPlaceholder} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={saving}>{r.book}</Button>
        </Form>
      )}
    </Card>
  );
}

function LookUp() {
  const r = useReceptionText().portal;
  const { message, modal } = App.useApp();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Booking>();
  async function look() {
    try {
      setFound(await receptionPortalApi.booking(code.trim()));
    } catch (error) {
      setFound(undefined);
      message.error((error as Error).message);
    }
  }
  async function cancel() {
    if (!found || !(await modal.confirm({ title: r.cancelConfirm }))) return;
    try {
      await receptionPortalApi.cancel(found.code);
      message.success(r.cancelled);
      await look();
    } catch (error) {
      message.error((error as Error).message);
    }
  }
  return (
    <Card title={r.lookupTitle} size="small">
      <Space.Compact style={{ width: '100%' }}>
        <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder={r.lookupPlaceholder} aria-label={r.lookupTitle} onPressEnter={() => void look()} />
        <Button type="primary" onClick={() => void look()} disabled={code.trim().length < 6}>{r.lookup}</Button>
      </Space.Compact>
      {found && (
        <div style={{ marginTop: 12 }} data-testid="booking-found">
          <Tag color={found.status === 'booked' ? 'blue' : 'default'}>{r.statuses[found.status]}</Tag>
          {found.day} {hhmm(found.slotStartsAt)} · {found.leaderName} · {found.place}
          {found.cancellable && <div style={{ marginTop: 8 }}><Button danger onClick={() => void cancel()}>{r.cancel}</Button></div>}
        </div>
      )}
    </Card>
  );
}
