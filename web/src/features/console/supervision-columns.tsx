/** The supervision-order table's columns, shared by the 督办 page and the workbench's 督办给我的 tab. */
import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { ConsoleMessages } from '../../locales/console.zh-CN';
import type { SupervisionOrder } from './console-api';
import { fmtTime } from './format';

export function supervisionOrderColumns(c: ConsoleMessages): ColumnsType<SupervisionOrder> {
  const s = c.supervision;
  return [
    {
      title: s.caseNo, dataIndex: 'caseNo', width: 150, fixed: 'left',
      // The workbench's rows open the matter on click as well: the link must not open it twice.
      render: (caseNo: string, r) => <Link to={`/console/matters/${r.matterId}`} onClick={(e) => e.stopPropagation()}>{caseNo}</Link>,
    },
    { title: s.instructions, dataIndex: 'instructions', ellipsis: true, width: 260 },
    {
      title: s.status, dataIndex: 'status', width: 90,
      render: (st: string, r) => (st === 'open' ? <Tag color={r.overdue ? 'red' : 'gold'}>{s.open}</Tag> : <Tag color="green">{s.answered}</Tag>),
    },
    {
      title: s.dueAt, dataIndex: 'dueAt', width: 180,
      render: (at: string, r) => {
        if (!r.overdue) return fmtTime(at);
        return r.status === 'open' ? <Tag color="red">{fmtTime(at)} {c.overdue}</Tag> : <>{fmtTime(at)} <Tag color="red">{s.late}</Tag></>;
      },
    },
    { title: s.toUnit, dataIndex: 'toUnit', width: 150, render: (unit: string, r) => `${unit}${r.toOfficer ? ` / ${r.toOfficer}` : ''}` },
    { title: s.issuedBy, dataIndex: 'issuedBy', width: 90 },
    { title: s.issuedAt, dataIndex: 'issuedAt', width: 150, render: fmtTime },
    {
      title: s.answer, dataIndex: 'answer', width: 260,
      render: (a: string | null, r) => (a ? (
        <div data-testid="order-answer">
          <div style={{ whiteSpace: 'pre-wrap' }}>{a}</div>
          <Typography.Text type="secondary">{r.answeredBy ?? ''} {fmtTime(r.answeredAt)}</Typography.Text>
        </div>
      ) : '—'),
    },
  ];
}
