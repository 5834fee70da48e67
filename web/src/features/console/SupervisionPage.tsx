/** 督办: supervision orders and accountability records across the units the user may oversee; both paged on the server. */
import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fill, useI18n } from '../../app/i18n';
import { useLoad } from '../portal/useLoad';
import { consoleApi, type AccountabilityRecord, type SupervisionOrder } from './console-api';
import { fmtTime } from './format';
import { supervisionOrderColumns } from './supervision-columns';

export function SupervisionPage() {
  const { t } = useI18n();
  const c = t.console;
  const s = c.supervision;
  const [orderPage, setOrderPage] = useState({ page: 1, pageSize: 10 });
  const [recordPage, setRecordPage] = useState({ page: 1, pageSize: 10 });
  const orders = useLoad(() => consoleApi.supervisionOrders(orderPage.page, orderPage.pageSize), [orderPage.page, orderPage.pageSize]);
  const records = useLoad(() => consoleApi.accountabilityRecords(recordPage.page, recordPage.pageSize), [recordPage.page, recordPage.pageSize]);
  const matterLink = (caseNo: string, r: { matterId: number }) => <Link to={`/console/matters/${r.matterId}`}>{caseNo}</Link>;
  const subject = (r: AccountabilityRecord) => {
    const order = /^supervision:(\d+)$/.exec(r.subject);
    if (order) return fill(s.supervisionSubject, { id: order[1] });
    return `${c.stages[r.subject] ?? r.subject}${r.cycle > 1 ? ` (${r.cycle})` : ''}`;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{s.title}</Typography.Title>
      <Card size="small" title={s.orders}>
        {orders.error && <Typography.Text type="danger">{orders.error.message}</Typography.Text>}
        <Table<SupervisionOrder>
          data-testid="supervision-orders" rowKey="id" size="small" loading={orders.loading} dataSource={orders.data?.items ?? []}
          scroll={{ x: 1330 }}
          columns={supervisionOrderColumns(c)}
          pagination={{
            current: orderPage.page, pageSize: orderPage.pageSize, total: orders.data?.total ?? 0, showSizeChanger: true, size: 'small',
            onChange: (page, pageSize) => setOrderPage({ page, pageSize }),
          }}
        />
      </Card>
      <Card size="small" title={s.records}>
        {records.error && <Typography.Text type="danger">{records.error.message}</Typography.Text>}
        <Table<AccountabilityRecord>
          data-testid="accountability-records" rowKey="id" size="small" loading={records.loading} dataSource={records.data?.items ?? []}
          scroll={{ x: 900 }}
          columns={[
            { title: s.caseNo, dataIndex: 'caseNo', width: 150, render: matterLink },
            { title: s.kind, dataIndex: 'kind', width: 120, render: (k: string) => <Tag color="red">{s.kinds[k] ?? k}</Tag> },
            { title: s.stage, dataIndex: 'subject', width: 130, render: (_, r) => subject(r) },
            { title: s.unit, dataIndex: 'unit', width: 130 },
            { title: s.officer, dataIndex: 'officer', width: 100, render: (o: string | null) => o ?? '—' },
            { title: s.due, dataIndex: 'dueAt', width: 150, render: fmtTime },
            { title: s.recorded, dataIndex: 'recordedAt', width: 150, render: fmtTime },
          ]}
          pagination={{
            current: recordPage.page, pageSize: recordPage.pageSize, total: records.data?.total ?? 0, showSizeChanger: true, size: 'small',
            onChange: (page, pageSize) => setRecordPage({ page, pageSize }),
          }}
        />
      </Card>
    </Space>
  );
}
