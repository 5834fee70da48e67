import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Empty, Segmented, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { EChart, type ChartOption } from './EChart';

type Props<T> = {
  id: string;
  title: string;
  /** How the numbers are defined, shown in the title's tooltip. */
  definition: string;
  option: ChartOption;
  height: number;
  rows: T[];
  columns: ColumnsType<T>;
  rowKey: keyof T & string;
  empty: boolean;
};

/** A chart with its definition, switchable to the same numbers as a table (图表/表格). */
export function ChartCard<T extends object>({ id, title, definition, option, height, rows, columns, rowKey, empty }: Props<T>) {
  const { t } = useI18n();
  const d = t.console.dashboard;
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      size="small"
      data-testid={`card-${id}`}
      title={
        <Space size={6} wrap>
          <span>{title}</span>
          <Tooltip title={definition}>
            <QuestionCircleOutlined aria-label={definition} style={{ color: 'rgba(0,0,0,0.45)' }} />
          </Tooltip>
        </Space>
      }
      extra={
        <Segmented
          size="small"
          value={view}
          onChange={(value) => setView(value as 'chart' | 'table')}
          options={[{ label: d.chart, value: 'chart' }, { label: d.table, value: 'table' }]}
          data-testid={`switch-${id}`}
        />
      }
      styles={{ body: { minHeight: 120 } }}
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.empty} />
      ) : view === 'chart' ? (
        <EChart option={option} height={height} testId={`chart-${id}`} />
      ) : (
        <Table<T>
          size="small"
          rowKey={rowKey}
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 31 ? { pageSize: 31, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          data-testid={`table-${id}`}
        />
      )}
    </Card>
  );
}
