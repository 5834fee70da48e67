import { Card, Table, Tag, Typography } from 'antd';
import type { Rating } from '../../../../common/contracts/ratings';
import { fill, useI18n } from '../../app/i18n';
import type { MatterView, StaffRating } from './console-api';
import { fmtTime, RATING_COLORS } from '../../lib/format';

/** 满意度评价 on the staff matter page: one row per handling cycle, read-only (nobody may change a rating). */
export function RatingsCard({ matter }: { matter: MatterView }) {
  const { t } = useI18n();
  const s = t.rating.staff;
  if (matter.state !== 'closed' && matter.ratings.length === 0) return null;
  return (
    <Card size="small" title={s.title} data-testid="ratings">
      {matter.ratings.length === 0 ? <Typography.Text type="secondary">{s.none}</Typography.Text> : (
        <Table<StaffRating>
          size="small" pagination={false} rowKey="cycle" dataSource={matter.ratings} scroll={{ x: 560 }}
          columns={[
            { title: s.cycle, dataIndex: 'cycle', width: 110, render: (cycle: number) => fill(s.cycleN, { n: cycle + 1 }) },
            { title: s.rating, dataIndex: 'rating', width: 110, render: (rating: Rating) => <Tag color={RATING_COLORS[rating]}>{t.rating.values[rating]}</Tag> },
            { title: s.comment, dataIndex: 'comment', render: (comment: string | null) => comment ?? '—' },
            { title: s.handler, key: 'handler', render: (_, r) => [r.handlerUnit.name, r.handlerOfficer?.name].filter(Boolean).join(' ') },
            { title: s.source, dataIndex: 'via', width: 130, render: (via: string) => t.feedback.via[via] ?? via },
            { title: s.ratedAt, dataIndex: 'ratedAt', width: 150, render: (at: string) => fmtTime(at) },
          ]}
        />
      )}
    </Card>
  );
}
