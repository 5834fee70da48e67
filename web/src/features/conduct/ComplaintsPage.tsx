import { Alert, Card, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { fmtTime } from '../../lib/format';
import { StateTag } from '../console/format';
import { useLoad } from '../portal/useLoad';
import { conductApi, useConductMessages, type ConductSummary, type Record_ } from './conduct-api';

const PAGE_SIZE = 20;

/**
 * 投诉举报 for the supervision office: complaints, reports and conduct supervisors' observations with the officers
 * they concern (linking happens on each matter's card), and each officer's record with the office's findings.
 */
export function ComplaintsPage() {
  const m = useConductMessages();
  const { locale } = useI18n();
  const [kind, setKind] = useState<string>('');
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(kind ? { kind } : {}), ...(open ? { open: 'true' } : {}) });
  const list = useLoad(() => conductApi.list(query), [query.toString()]);
  const records = useLoad(() => conductApi.records(), []);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={m.page.title}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented value={kind} onChange={(value) => { setKind(String(value)); setPage(1); }}
            options={[{ value: '', label: m.page.all }, ...['complaint', 'report', 'observation'].map((k) => ({ value: k, label: m.kinds[k] }))]} />
          <Space><Switch checked={open} onChange={(value) => { setOpen(value); setPage(1); }} /><span>{m.page.open}</span></Space>
        </Space>
        {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        <Table<ConductSummary>
          size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 900 }} data-testid="conduct-list"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: m.page.caseNo, dataIndex: 'caseNo', width: 150, render: (caseNo: string, r) => <Link to={`/console/matters/${r.id}`}>{caseNo}</Link> },
            { title: m.page.kind, dataIndex: 'kind', width: 100, render: (k: string, r) => (
              <Space size={2}>{m.kinds[k] ?? k}{r.anonymous && <Tag>{m.page.anonymousTag}</Tag>}</Space>
            ) },
            { title: m.page.summary, dataIndex: 'summary', render: (summary: string, r) => (
              <div>
                <div>{summary}</div>
                {r.namedOfficer && <Typography.Text type="secondary">{m.page.named}：{r.namedOfficer}</Typography.Text>}
              </div>
            ) },
            { title: m.page.officers, key: 'officers', width: 200, render: (_, r) => r.officers.map((o) => (
              <Tag key={o.id} color={o.finding === 'sustained' ? 'red' : o.finding === 'not_sustained' ? 'green' : undefined}>
                {o.name} · {o.unit}{o.finding ? ` · ${m.findings[o.finding]}` : ''}
              </Tag>
            )) },
            { title: m.page.handler, dataIndex: 'handlerUnit', width: 120 },
            { title: m.page.state, dataIndex: 'state', width: 110, render: (state) => <StateTag state={state} locale={locale} /> },
            { title: m.page.received, dataIndex: 'receivedAt', width: 150, render: (at: string) => fmtTime(at) },
          ]}
        />
      </Card>
      <Card size="small" title={m.page.records} data-testid="officer-records">
        <Typography.Paragraph type="secondary">{m.page.recordsHint}</Typography.Paragraph>
        <Table<Record_>
          size="small" rowKey={(r) => r.officer.id} loading={records.loading} dataSource={records.data ?? []} scroll={{ x: 560 }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: m.page.officer, key: 'officer', render: (_, r) => `${r.officer.name}${r.officer.badgeNo ? `（${r.officer.badgeNo}）` : ''}` },
            { title: m.page.handler, key: 'unit', render: (_, r) => r.officer.unit },
            { title: m.page.total, dataIndex: 'total', width: 80 },
            { title: m.page.sustained, dataIndex: 'sustained', width: 80, render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n) },
            { title: m.page.notSustained, dataIndex: 'notSustained', width: 90 },
            { title: m.page.pending, dataIndex: 'pending', width: 80 },
          ]}
        />
      </Card>
    </Space>
  );
}
