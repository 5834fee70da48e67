/**
 * 信访办理 on the console's matter page: the petition's own record (Art. 19's fields, the group's representatives),
 * its stage, notices and opinions, repeats and 带案回访, and the actions allowed now, each in a small form.
 */
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { PetitionAction } from '../../../../common/contracts/petitions';
import { fill } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { usePetitionMessages } from './messages';
import { petitionsApi } from './petitions-api';

export function PetitionCard({ matterId, kind, version, onChanged }: { matterId: number; kind: string; version: number; onChanged: () => void }) {
  if (kind !== 'petition') return null;
  return <Petition matterId={matterId} version={version} onChanged={onChanged} />;
}

type Values = Record<string, unknown> & { plannedFor?: Dayjs };

function Petition({ matterId, version, onChanged }: { matterId: number; version: number; onChanged: () => void }) {
  const m = usePetitionMessages();
  const c = m.card;
  const { message } = App.useApp();
  // The matter page's version changes with every action, so the card reloads with it.
  const view = useLoad(() => petitionsApi.get(matterId), [matterId, version]);
  const [action, setAction] = useState<PetitionAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<Values>();
  const p = view.data;
  if (view.error) return null;
  if (!p) return <Card size="small" loading title={c.title} />;

  const level = (['opinion', 'review', 're_review'] as const)[p.stage === 'review' ? 1 : p.stage === 're_review' ? 2 : 0];
  const pendingVisit = p.visits.find((v) => !v.visitedAt);
  const run = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const v = values as Record<string, string>;
      if (action === 'accept' || action === 'notAccept') {
        await petitionsApi.acceptance(matterId, { version: p.version, decision: action === 'accept' ? 'accept' : 'not_accept', reasons: v.reasons });
      } else if (action === 'opinion') {
        await petitionsApi.opinion(matterId, { version: p.version, result: v.result, basis: v.basis, opinion: v.opinion });
      } else if (action === 'extend') {
        await petitionsApi.extend(matterId, { version: p.version, reason: v.reason });
      } else if (action === 'link') {
        await petitionsApi.link(matterId, { version: p.version, repeatOf: Number(v.repeatOf) });
      } else if (action === 'planVisit') {
        await petitionsApi.planVisit(matterId, { plannedFor: values.plannedFor!.format('YYYY-MM-DD'), visitors: v.visitors });
      } else if (action === 'recordVisit' && pendingVisit) {
        await petitionsApi.recordVisit(matterId, pendingVisit.id, { visitedBy: v.visitedBy, findings: v.findings, attitude: v.attitude, settled: Boolean(values.settled) });
      }
      message.success(c.done);
      setAction(null);
      form.resetFields();
      view.reload();
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['reasons', 'result', 'basis', 'opinion', 'reason', 'repeatOf', 'plannedFor', 'visitors', 'visitedBy', 'findings', 'attitude']);
      setError([e.message, ...rest.map((f) => f.message)].join('；'));
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => [{ required: true, whitespace: true, message: fill(c.required, { label }) }];
  const text = (name: string, label: string, rows = 3) => (
    <Form.Item name={name} label={label} rules={required(label)}><Input.TextArea rows={rows} maxLength={2000} showCount /></Form.Item>
  );

  return (
    <Card size="small" title={c.title} data-testid="petition-card"
      extra={<Tag color={p.stage === 'final' || p.stage === 'not_accepted' ? 'default' : 'processing'} data-testid="petition-card-stage">{m.stages[p.stage]}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={c.form}>{m.forms[p.form]}</Descriptions.Item>
        {p.groupSize !== null && <Descriptions.Item label={c.groupSize}>{p.groupSize}</Descriptions.Item>}
        {p.representatives.length > 0 && <Descriptions.Item label={c.representatives}>{p.representatives.join('、')}</Descriptions.Item>}
        <Descriptions.Item label={c.request} span={2}>{p.request}</Descriptions.Item>
        <Descriptions.Item label={c.facts} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{p.facts}</span></Descriptions.Item>
        <Descriptions.Item label={c.reasons} span={2}>{p.reasons}</Descriptions.Item>
        {p.acceptance && (
          <Descriptions.Item label={c.acceptance} span={2}>
            {p.acceptance.decision === 'accepted' ? c.accepted : c.notAccepted}{p.acceptance.ground === 'final' ? c.groundFinal : ''}：{p.acceptance.reasons}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{p.acceptance.by} {fmtTime(p.acceptance.at)}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      {p.window && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={fill(c.window, { until: fmtTime(p.window.until), level: c.levels[p.window.level] })} />}
      {p.finalAt && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={fill(c.final, { at: fmtTime(p.finalAt) })} />}
      {p.repeatOf && <Alert type="info" style={{ marginBottom: 8 }} title={<Link to={`/console/matters/${p.repeatOf.id}`}>{fill(c.repeatOf, { caseNo: p.repeatOf.caseNo })}</Link>} />}
      {p.repeats.length > 0 && (
        <Typography.Paragraph>{c.repeats}：{p.repeats.map((r) => <Link key={r.id} to={`/console/matters/${r.id}`} style={{ marginInlineEnd: 8 }}>{r.caseNo}</Link>)}</Typography.Paragraph>
      )}
      {p.suggestions.length > 0 && (
        <Typography.Paragraph>
          {c.suggestions}：{p.suggestions.map((s) => (
            <Link key={s.id} to={`/console/matters/${s.id}`} style={{ marginInlineEnd: 8 }}>{s.caseNo}（{m.stages[s.stage]}）</Link>
          ))}
        </Typography.Paragraph>
      )}
      <Typography.Title level={5}>{c.documents}</Typography.Title>
      <Table size="small" pagination={false} rowKey={(d) => `${d.type}-${d.at}`} dataSource={p.documents} scroll={{ x: 560 }} columns={[
        { title: c.documents, dataIndex: 'title', width: 140 },
        { title: '', dataIndex: 'at', width: 150, render: (at: string) => fmtTime(at) },
        { title: '', key: 'text', render: (_, d) => [d.resultLabel, d.text, d.basis].filter(Boolean).join(' · ') || '—' },
      ]} />
      {p.visits.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>{c.visits}</Typography.Title>
          {p.visits.map((v) => (
            <Typography.Paragraph key={v.id} data-testid="petition-visit">
              {fill(c.planned, { date: v.plannedFor, visitors: v.visitors })}
              {v.visitedAt
                ? `；${v.visitedBy}：${v.findings}；${c.attitude}：${c.attitudes[v.attitude!]}；${c.settled}：${v.settled ? c.yes : c.no}`
                : `；${c.visitPending}`}
            </Typography.Paragraph>
          ))}
        </>
      )}
      {p.allowedActions.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          {p.allowedActions.map((a) => (
            <Button key={a} type={a === 'accept' || a === 'opinion' ? 'primary' : 'default'} danger={a === 'notAccept'}
              data-testid={`petition-action-${a}`} onClick={() => { setError(undefined); form.resetFields(); setAction(a); }}>
              {a === 'opinion' ? c.opinionTitles[level] : c.actions[a]}
            </Button>
          ))}
        </Space>
      )}
      <Modal open={action !== null} title={action === 'opinion' ? c.opinionTitles[level] : action ? c.actions[action] : ''} okText={c.ok} cancelText={c.cancel}
        onOk={() => form.submit()} confirmLoading={busy} onCancel={() => setAction(null)} destroyOnHidden forceRender>
        <Form form={form} layout="vertical" onFinish={run} disabled={busy}>
          {(action === 'accept' || action === 'notAccept') && text('reasons', action === 'accept' ? c.acceptReasons : c.notAcceptReasons)}
          {action === 'opinion' && (
            <>
              <Form.Item name="result" label={c.result} rules={[{ required: true, message: fill(c.required, { label: c.result }) }]}>
                <Radio.Group options={Object.entries(c.results).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              {text('opinion', c.opinion, 4)}
              {text('basis', c.basis, 2)}
            </>
          )}
          {action === 'extend' && text('reason', c.extendReason)}
          {action === 'link' && (
            <Form.Item name="repeatOf" label={c.linkTo} rules={[{ required: true, message: fill(c.required, { label: c.linkTo }) }]}>
              <Select options={p.suggestions.map((s) => ({ value: s.id, label: `${s.caseNo} ${s.summary}` }))} />
            </Form.Item>
          )}
          {action === 'planVisit' && (
            <>
              <Form.Item name="plannedFor" label={c.plannedFor} rules={[{ required: true, message: fill(c.required, { label: c.plannedFor }) }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="visitors" label={c.visitors} rules={required(c.visitors)}><Input maxLength={200} /></Form.Item>
            </>
          )}
          {action === 'recordVisit' && (
            <>
              <Form.Item name="visitedBy" label={c.visitedBy} rules={required(c.visitedBy)}><Input maxLength={200} /></Form.Item>
              {text('findings', c.findings)}
              <Form.Item name="attitude" label={c.attitude} rules={[{ required: true, message: fill(c.required, { label: c.attitude }) }]}>
                <Radio.Group options={Object.entries(c.attitudes).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="settled" label={c.settled} valuePropName="checked" initialValue={false}><Switch /></Form.Item>
            </>
          )}
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      </Modal>
    </Card>
  );
}

