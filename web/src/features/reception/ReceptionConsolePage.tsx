import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { consoleApi } from '../console/console-api';
import { kindLabel } from '../console/format';
import { useSession } from '../console/session';
import { useLoad } from '../portal/useLoad';
import { receptionStaffApi, useReceptionText, type StaffBookingRow, type StaffDay } from './reception-api';

const STATUS_COLORS: Record<string, string> = { booked: 'blue', cancelled: 'default', attended: 'green', absent: 'orange' };

/** 局长接访日 in the console: publish a leader's day, see each day's bookings, record the meeting and register its matters. */
export function ReceptionConsolePage() {
  const r = useReceptionText();
  const c = r.console;
  const { message } = App.useApp();
  const days = useLoad(() => receptionStaffApi.days(), []);
  const leaders = useLoad(() => receptionStaffApi.leaders(), []);
  const [publishing, setPublishing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [selected, setSelected] = useState<number>();
  const [form] = Form.useForm();
  // Publishing a day is the petition office's or a leader's (the server refuses anyone else); the modal's form starts afresh
  // each time it opens (destroyOnHidden, preserve={false}).
  const { staff } = useSession();
  const mayPublish = staff?.unit.kind === 'petition_office' || staff?.roles.includes('leader') === true;

  async function publish() {
    // A field left empty is shown on the form; nothing to send then.
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const { id } = await receptionStaffApi.publish({
        leaderId: v.leaderId, day: (v.day as Dayjs).format('YYYY-MM-DD'), startsAt: (v.time[0] as Dayjs).format('HH:mm'),
        endsAt: (v.time[1] as Dayjs).format('HH:mm'), slotMinutes: v.slotMinutes, place: v.place.trim(), ...(v.topics?.trim() ? { topics: v.topics.trim() } : {}),
      });
      message.success(c.published);
      setPublishing(false);
      setSelected(id);
      days.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, ['leaderId', 'day', 'slotMinutes', 'place', 'topics']);
      if (rest.length > 0 || error.fields.length === 0) message.error(error.fields.map((f) => f.message).join('；') || error.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={c.title} extra={mayPublish && <Button type="primary" onClick={() => setPublishing(true)}>{c.publish}</Button>}>
        <Table<StaffDay>
          size="small" rowKey="id" loading={days.loading} dataSource={days.data ?? []} pagination={false} scroll={{ x: 720 }} data-testid="reception-days"
          rowClassName={(d) => (d.id === selected ? 'ant-table-row-selected' : '')}
          onRow={(d) => ({ onClick: () => setSelected(d.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: c.day, dataIndex: 'day', width: 120 },
            { title: c.time, key: 'time', width: 160, render: (_, d) => `${d.startsAt}–${d.endsAt}（${d.slotMinutes}′）` },
            { title: c.leader, key: 'leader', width: 100, render: (_, d) => d.leader.name },
            { title: c.place, dataIndex: 'place' },
            { title: c.booked, key: 'booked', width: 90, render: (_, d) => `${d.booked} / ${d.slots}` },
          ]}
        />
      </Card>
      {selected !== undefined && <Bookings dayId={selected} onChanged={() => days.reload()} />}
      <Modal open={publishing} title={c.publish} onOk={() => void publish()} confirmLoading={saving} onCancel={() => setPublishing(false)} destroyOnHidden>
        <Form form={form} name="day" layout="vertical" preserve={false} initialValues={{ slotMinutes: 30, time: [dayjs('09:00', 'HH:mm'), dayjs('11:30', 'HH:mm')] }}>
          <Form.Item name="leaderId" label={c.leader} rules={[{ required: true }]}>
            <Select options={(leaders.data ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
          <Form.Item name="day" label={c.day} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="time" label={c.time} rules={[{ required: true }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="slotMinutes" label={c.slotMinutes} rules={[{ required: true }]}><InputNumber min={10} max={120} step={5} /></Form.Item>
          <Form.Item name="place" label={c.place} rules={[{ required: true, min: 2, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="topics" label={c.topics} rules={[{ max: 200 }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Bookings({ dayId, onChanged }: { dayId: number; onChanged: () => void }) {
  const r = useReceptionText();
  const c = r.console;
  const { locale } = useI18n();
  const { message } = App.useApp();
  const list = useLoad(() => receptionStaffApi.bookings(dayId), [dayId]);
  const kinds = useLoad(() => consoleApi.kinds(), []);
  const [target, setTarget] = useState<{ booking: StaffBookingRow; mode: 'record' | 'matter' }>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const attended = Form.useWatch('attended', form) as boolean | undefined;

  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (target!.mode === 'record') {
        await receptionStaffApi.record(target!.booking.id, v);
        message.success(c.saved);
      } else {
        const created = await receptionStaffApi.matter(target!.booking.id, v);
        message.success(fill(c.matterCreated, { caseNo: created.caseNo }));
      }
      setTarget(undefined);
      list.reload();
      onChanged();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = applyFieldErrors(form, error, ['attendees', 'raised', 'decision', 'kind', 'content']);
      if (rest.length > 0 || error.fields.length === 0) message.error(error.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={c.bookings}>
      <Table<StaffBookingRow>
        size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={false} scroll={{ x: 900 }}
        locale={{ emptyText: c.noBookings }} data-testid="reception-bookings"
        columns={[
          { title: c.slot, dataIndex: 'slotStartsAt', width: 80, render: (at: string) => dayjs(at).format('HH:mm') },
          { title: c.visitor, key: 'visitor', width: 140, render: (_, b) => `${b.name} ${b.phone}` },
          { title: c.subject, dataIndex: 'subject' },
          { title: c.status, dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{r.portal.statuses[s]}</Tag> },
          { title: c.decision, key: 'record', render: (_, b) => (b.recordedAt ? (
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{b.raised ? `${b.raised} → ${b.decision}` : '—'}（{fmtTime(b.recordedAt)}）
              {b.matters.map((m) => <Link key={m.id} to={`/console/matters/${m.id}`} style={{ marginInlineStart: 6 }}>{m.caseNo}</Link>)}</Typography.Text>
          ) : '—') },
          { title: '', key: 'actions', width: 190, render: (_, b) => b.status === 'cancelled' ? null : (
            <Space>
              <Button size="small" onClick={() => { form.resetFields(); setTarget({ booking: b, mode: 'record' }); }}>{c.record}</Button>
              {b.status === 'attended' && <Button size="small" type="primary"
                onClick={() => { form.resetFields(); setTarget({ booking: b, mode: 'matter' }); }}>{c.matter}</Button>}
            </Space>
          ) },
        ]}
      />
      <Modal open={target !== undefined} title={target?.mode === 'matter' ? c.matter : c.record} onOk={() => void save()} confirmLoading={saving}
        onCancel={() => setTarget(undefined)} destroyOnHidden>
        {target && (
          <Form form={form} name="meeting" layout="vertical" preserve={false}
            initialValues={target.mode === 'record'
              ? { attended: target.booking.status !== 'absent', attendees: target.booking.attendees ?? '', raised: target.booking.raised ?? target.booking.subject, decision: target.booking.decision ?? '' }
              : { kind: 'complaint', content: target.booking.raised ?? target.booking.subject }}>
            {target.mode === 'record' ? <>
              <Form.Item name="attended" valuePropName="checked"><Checkbox>{c.attended}</Checkbox></Form.Item>
              {attended !== false && <>
                <Form.Item name="attendees" label={c.attendees} rules={[{ max: 200 }]}><Input /></Form.Item>
                <Form.Item name="raised" label={c.raised} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
                <Form.Item name="decision" label={c.decision} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
              </>}
            </> : <>
              <Form.Item name="kind" label={c.matterKind} rules={[{ required: true }]}>
                <Select options={(kinds.data ?? []).filter((k) => k.code !== 'proposal').map((k) => ({ value: k.code, label: kindLabel(kinds.data, k.code, locale) }))} />
              </Form.Item>
              <Form.Item name="content" label={c.matterContent} rules={[{ required: true, min: 5 }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
            </>}
          </Form>
        )}
      </Modal>
    </Card>
  );
}
