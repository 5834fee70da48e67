import { Badge, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useLoad } from '../portal/useLoad';
import { consoleApi, type MatterSummary, type View } from './console-api';
import { fmtTime, kindLabel, StateTag } from './format';

const TABS: Exclude<View, 'all'>[] = ['mine', 'toAccept', 'dueSoon', 'overdue'];
const VIEWS: View[] = [...TABS, 'all'];
const PAGE_SIZE = 20;

export function WorkbenchPage() {
  const { t, locale } = useI18n();
  const c = t.console;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view') as View | null;
  const view: View = requested && VIEWS.includes(requested) ? requested : 'mine';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);

  const counts = useLoad(() => consoleApi.workbench(), []);
  const kinds = useLoad(() => consoleApi.kinds(), []);
  const list = useLoad(() => consoleApi.matters(view, page, pageSize), [view, page, pageSize]);

  const columns: ColumnsType<MatterSummary> = [
    { title: c.cols.caseNo, dataIndex: 'caseNo', width: 150, fixed: 'left' },
    { title: c.cols.kind, dataIndex: 'kind', width: 80, render: (code: string) => kindLabel(kinds.data, code, locale) },
    { title: c.cols.state, dataIndex: 'state', width: 110, render: (_, r) => <StateTag state={r.state} locale={locale} /> },
    { title: c.cols.summary, dataIndex: 'summary', ellipsis: true, width: 260 },
    { title: c.cols.unit, dataIndex: ['handlerUnit', 'name'], width: 120 },
    { title: c.cols.officer, dataIndex: ['handlerOfficer', 'name'], width: 100, render: (name?: string) => name ?? '—' },
    {
      title: c.cols.due, dataIndex: 'nextDueAt', width: 170,
      render: (at: string | null, r) => (r.overdue ? <Tag color="red">{fmtTime(at)} {c.overdue}</Tag> : fmtTime(at)),
    },
    { title: c.cols.received, dataIndex: 'receivedAt', width: 150, render: fmtTime },
  ];

  const tabLabel = (v: View) => {
    const n = v === 'all' ? undefined : counts.data?.[v];
    return (
      <span data-testid={`tab-${v}`}>
        {c.tabs[v]}
        {n !== undefined && <Badge count={n} showZero size="small" color={v === 'overdue' && n > 0 ? 'red' : '#1d4e89'} style={{ marginInlineStart: 6 }} />}
      </span>
    );
  };

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{view === 'all' ? c.menu.matters : c.menu.workbench}</Typography.Title>
      <Tabs
        activeKey={view}
        onChange={(key) => setParams({ view: key })}
        items={(view === 'all' ? VIEWS : TABS).map((v) => ({ key: v, label: tabLabel(v) }))}
      />
      {list.error && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
      <Table<MatterSummary>
        rowKey="id" size="middle" columns={columns} loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1140 }}
        onRow={(record) => ({ onClick: () => navigate(`/console/matters/${record.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, size: 'small',
          onChange: (p, size) => { setPageSize(size); setParams({ view, page: String(p) }); },
        }}
      />
    </div>
  );
}
