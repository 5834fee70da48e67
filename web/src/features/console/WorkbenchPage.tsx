import { Badge, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useLoad } from '../portal/useLoad';
import { consoleApi, type MatterSummary, type SupervisionOrder, type View } from './console-api';
import { fmtTime, kindLabel, StateTag } from './format';
import { supervisionOrderColumns } from './supervision-columns';

const VIEWS = ['mine', 'toAccept', 'dueSoon', 'overdue'] as const satisfies readonly Exclude<View, 'all'>[];
/** The tabs: the matter views, and the supervision orders addressed to the user (督办给我的). */
type Tab = (typeof VIEWS)[number] | 'supervision';
const TABS: Tab[] = [...VIEWS, 'supervision'];
const PAGE_SIZE = 20;

export function WorkbenchPage() {
  const { t, locale } = useI18n();
  const c = t.console;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view') as Tab | null;
  const view: Tab = requested && TABS.includes(requested) ? requested : 'mine';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);

  const counts = useLoad(() => consoleApi.workbench(), []);
  const kinds = useLoad(() => consoleApi.kinds(), []);
  const list = useLoad(
    () => (view === 'supervision' ? Promise.resolve(undefined) : consoleApi.matters(view, page, pageSize)), [view, page, pageSize]);
  const orders = useLoad(
    () => (view === 'supervision' ? consoleApi.supervisionOrders(page, pageSize, { addressedToMe: true }) : Promise.resolve(undefined)),
    [view, page, pageSize]);
  // The matter list used to be this page's 全部 tab: old links go to the list page.
  if (params.get('view') === 'all') return <Navigate to="/console/matters" replace />;

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

  const orderColumns = supervisionOrderColumns(c);

  const tabLabel = (v: Tab) => {
    const n = counts.data?.[v === 'supervision' ? 'supervisionOrders' : v];
    return (
      <span data-testid={`tab-${v}`}>
        {v === 'supervision' ? c.matterList.workbenchTab : c.tabs[v]}
        {n !== undefined && (
          <Badge count={n} showZero size="small" color={(v === 'overdue' || v === 'supervision') && n > 0 ? 'red' : '#1d4e89'} style={{ marginInlineStart: 6 }} />
        )}
      </span>
    );
  };
  const pagination = (total: number) => ({
    current: page, pageSize, total, showSizeChanger: true, size: 'small' as const,
    onChange: (p: number, size: number) => { setPageSize(size); setParams({ view, page: String(p) }); },
  });

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{c.menu.workbench}</Typography.Title>
      <Tabs
        activeKey={view}
        onChange={(key) => setParams({ view: key })}
        items={TABS.map((v) => ({ key: v, label: tabLabel(v) }))}
      />
      {(list.error ?? orders.error) && <Typography.Text type="danger">{(list.error ?? orders.error)?.message}</Typography.Text>}
      {view === 'supervision' ? (
        <Table<SupervisionOrder>
          data-testid="my-supervision-orders" rowKey="id" size="middle" columns={orderColumns} loading={orders.loading}
          dataSource={orders.data?.items ?? []} scroll={{ x: 1330 }}
          onRow={(record) => ({ onClick: () => navigate(`/console/matters/${record.matterId}`), style: { cursor: 'pointer' } })}
          pagination={pagination(orders.data?.total ?? 0)}
        />
      ) : (
        <Table<MatterSummary>
          rowKey="id" size="middle" columns={columns} loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1140 }}
          onRow={(record) => ({ onClick: () => navigate(`/console/matters/${record.id}`), style: { cursor: 'pointer' } })}
          pagination={pagination(list.data?.total ?? 0)}
        />
      )}
    </div>
  );
}
