/** 节假日安排 (admin): the loaded years, a warning per missing year, and loading a year from the pasted State Council notice. */
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { fill, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api-client';
import { useLoad } from '../portal/useLoad';
import { consoleApi, type CalendarState } from './console-api';
import { fmtTime } from './format';

type Values = { year: number; text: string; source?: string };

export function CalendarPage() {
  const { t } = useI18n();
  const c = t.console;
  const k = c.calendar;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const state = useLoad(() => consoleApi.calendar(), []);

  async function submit(values: Values) {
    setBusy(true);
    try {
      const source = values.source?.trim();
      const done = await consoleApi.loadCalendar({ year: values.year, text: values.text, ...(source ? { source } : {}) });
      message.success(fill(k.done, { year: done.year, holidays: done.holidays, adjusted: done.adjustedWorkdays, recomputed: done.recomputedDeadlines }));
      form.resetFields();
      state.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The notice's errors come as `text` or `text:<line>`; all of them go under the textarea, line by line.
      const textErrors = error.fields.filter((f) => f.path === 'text' || f.path.startsWith('text:'))
        .map((f) => (f.path.startsWith('text:') ? fill(k.line, { line: f.path.slice(5), message: f.message }) : f.message));
      const other = error.fields.filter((f) => f.path === 'year' || f.path === 'source');
      form.setFields([
        ...(textErrors.length ? [{ name: 'text' as const, errors: textErrors }] : []),
        ...other.map((f) => ({ name: f.path as 'year' | 'source', errors: [f.message] })),
      ]);
      message.error(error.message);
    } finally {
      setBusy(false);
    }
  }

  const data: CalendarState | undefined = state.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{k.title}</Typography.Title>
      {state.error && <Alert type="error" showIcon title={state.error.message} />}
      {data?.alerts.map((a) => (
        <Alert key={a.year} type="warning" showIcon data-testid={`calendar-alert-${a.year}`}
          title={fill(k.missing, { year: a.year })} description={fill(k.firstNeeded, { at: fmtTime(a.firstNeededAt) })} />
      ))}
      <Card size="small" title={k.loaded}>
        <Table
          data-testid="calendar-years" rowKey="year" size="small" pagination={false} loading={state.loading}
          dataSource={data?.years ?? []} locale={{ emptyText: k.none }}
          columns={[
            { title: k.year, dataIndex: 'year', width: 80 },
            { title: k.source, dataIndex: 'source' },
            { title: k.loadedAt, dataIndex: 'loadedAt', width: 160, render: fmtTime },
          ]}
        />
      </Card>
      <Card size="small" title={k.loadTitle}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ year: dayjs().year() + 1 }} data-testid="calendar-form">
          <Space wrap align="start">
            <Form.Item name="year" label={k.year} rules={[{ required: true, message: fill(c.form.required, { label: k.year }) }]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="source" label={k.sourceLabel} rules={[{ max: 200 }]}>
              <Input maxLength={200} style={{ width: 360, maxWidth: '100%' }} />
            </Form.Item>
          </Space>
          <Form.Item name="text" label={k.text} extra={k.textHint}
            rules={[{ required: true, whitespace: true, message: fill(c.form.required, { label: k.text }) }, { min: 20 }, { max: 20_000 }]}>
            <Input.TextArea rows={10} data-testid="calendar-text" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{k.submit}</Button>
        </Form>
      </Card>
    </Space>
  );
}
