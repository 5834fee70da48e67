import { Alert, Card, Space, Typography } from 'antd';
import { fill, useI18n } from '../../app/i18n';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { feedbackApi } from './feedback-api';

/** On the citizen's tracking page: the rectification owed after their 不满意, and what the unit told them. */
export function RectificationFeedbackCard({ code, refresh }: { code: string; refresh?: unknown }) {
  const { t } = useI18n();
  const r = t.feedback.track;
  const { data } = useLoad(() => feedbackApi.portalRectifications(code), [code, refresh]);
  if (!data || data.length === 0) return null;
  return (
    <Card title={r.title} data-testid="rectification-feedback">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {data.map((x) => (x.status === 'done' ? (
          <Alert key={x.cycle} type="success" showIcon
            title={fill(r.done, { unit: x.unitName, at: fmtTime(x.doneAt) })}
            description={<Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{x.feedback}</Typography.Text>} />
        ) : (
          <Alert key={x.cycle} type="info" showIcon title={fill(r.pending, { unit: x.unitName, due: fmtTime(x.dueAt) })} />
        )))}
      </Space>
    </Card>
  );
}
