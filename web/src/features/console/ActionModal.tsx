/** One modal for every matter action that needs input; the server's field errors land next to their fields. */
import { App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { PAUSE_REASONS, type MatterAction } from '../../../../common/workflow';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { consoleApi, type MatterView, type Unit } from './console-api';

type FieldName = 'toUnitId' | 'toOfficerId' | 'reason' | 'request' | 'pauseReason' | 'text' | 'close' | 'instructions' | 'dueAt';
export const ACTION_FIELDS: Partial<Record<MatterAction, FieldName[]>> = {
  transfer: ['toUnitId', 'toOfficerId', 'reason'],
  returnTransfer: ['reason'],
  requestInfo: ['request'],
  pause: ['pauseReason', 'reason'],
  resume: ['reason'],
  reply: ['text', 'close'],
  reject: ['reason'],
  extend: ['reason'],
  note: ['text'],
  supervise: ['instructions', 'dueAt'],
};
/** Actions whose body carries no version (they change no matter state). */
const UNVERSIONED: MatterAction[] = ['note', 'supervise'];

export function ActionModal({ matter, action, onClose, onDone, onConflict }: {
  matter: MatterView; action: MatterAction | null; onClose: () => void; onDone: () => void; onConflict: () => void;
}) {
  const { t } = useI18n();
  const c = t.console;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<Unit[]>([]);
  const [officers, setOfficers] = useState<{ id: number; name: string }[]>([]);
  const unitId = Form.useWatch('toUnitId', form) as number | undefined;
  const fields = action ? ACTION_FIELDS[action] ?? [] : [];

  useEffect(() => {
    form.resetFields();
    if (action === 'transfer') consoleApi.units().then((all) => setUnits(all.filter((u) => u.active && u.id !== matter.handlerUnit.id)), () => setUnits([]));
  }, [action, form, matter.handlerUnit.id]);

  useEffect(() => {
    form.setFieldValue('toOfficerId', undefined);
    setOfficers([]);
    if (unitId) consoleApi.unitStaff(unitId).then(setOfficers, () => setOfficers([]));
  }, [unitId, form]);

  if (!action) return null;
  const required = (label: string) => [{ required: true, whitespace: true, message: fill(c.form.required, { label }) }];

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    try {
      const plain = values.dueAt ? { ...values, dueAt: (values.dueAt as Dayjs).toISOString() } : values;
      const body = UNVERSIONED.includes(action!) ? plain : { ...plain, version: matter.version };
      await consoleApi.act(matter.id, action!, body);
      message.success(c.form.done);
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'VERSION_CONFLICT') {
        message.warning(error.message);
        onConflict();
        return;
      }
      const rest = applyFieldErrors(form, error, fields);
      if (error.fields.length === 0 || rest.length > 0) message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open title={c.actions[action]} okText={c.form.ok} cancelText={c.form.cancel} confirmLoading={busy}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={action === 'reply' ? { close: false } : undefined}>
        {fields.includes('toUnitId') && (
          <Form.Item name="toUnitId" label={c.form.unit} rules={[{ required: true, message: fill(c.form.required, { label: c.form.unit }) }]}>
            <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        {fields.includes('toOfficerId') && (
          <Form.Item name="toOfficerId" label={c.form.officer}>
            <Select allowClear disabled={!unitId} options={officers.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        )}
        {fields.includes('pauseReason') && (
          <Form.Item name="pauseReason" label={c.form.pauseReason} rules={[{ required: true, message: fill(c.form.required, { label: c.form.pauseReason }) }]}>
            <Select options={PAUSE_REASONS.map((r) => ({ value: r, label: c.pauseReasons[r] ?? r }))} />
          </Form.Item>
        )}
        {fields.includes('request') && (
          <Form.Item name="request" label={c.form.request} rules={required(c.form.request)}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
        )}
        {fields.includes('reason') && (
          <Form.Item name="reason" label={c.form.reason} rules={required(c.form.reason)}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
        )}
        {fields.includes('text') && (
          <Form.Item name="text" label={action === 'reply' ? c.form.replyText : c.form.text} rules={required(action === 'reply' ? c.form.replyText : c.form.text)}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        {fields.includes('instructions') && (
          <Form.Item name="instructions" label={c.supervision.instructionsLabel} rules={required(c.supervision.instructionsLabel)}>
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="supervise-instructions" />
          </Form.Item>
        )}
        {fields.includes('dueAt') && (
          <Form.Item name="dueAt" label={c.supervision.dueLabel} rules={[
            { required: true, message: fill(c.form.required, { label: c.supervision.dueLabel }) },
            { validator: (_, v?: Dayjs) => (v && !v.isAfter(dayjs()) ? Promise.reject(new Error(c.supervision.futureOnly)) : Promise.resolve()) },
          ]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="supervise-due" />
          </Form.Item>
        )}
        {fields.includes('close') && (
          <Form.Item name="close" valuePropName="checked"><Checkbox>{c.form.closeToo}</Checkbox></Form.Item>
        )}
      </Form>
    </Modal>
  );
}
