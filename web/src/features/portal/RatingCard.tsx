import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { RATING_COMMENT_MAX, RATINGS, type Rating } from '../../../../common/contracts/ratings';
import { fill, useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime as time, RATING_COLORS } from '../../lib/format';
import { portalApi, type PortalMatter } from './portal-api';

type Values = { rating: Rating; comment?: string };

/**
 * 满意度评价 on the tracking page: a form once the matter is closed and this cycle is not rated yet,
 * then the rating read-only. A dissatisfied citizen is pointed to the reopen form while its window lasts.
 */
export function RatingCard({ code, matter, onRated }: { code: string; matter: PortalMatter; onRated: () => void }) {
  const { t } = useI18n();
  const r = t.rating;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  if (matter.rating) {
    const rating = matter.rating;
    return (
      <Card title={r.card.yours} data-testid="rating-card">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={r.staff.rating}>
            <Tag color={RATING_COLORS[rating.rating]} data-testid="rating-value">{rating.ratingLabel}</Tag>
          </Descriptions.Item>
          {rating.comment && (
            <Descriptions.Item label={r.card.comment}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{rating.comment}</Typography.Text>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={r.card.ratedAt}>{time(rating.ratedAt)}</Descriptions.Item>
        </Descriptions>
        {rating.rating === 'dissatisfied' && (
          <Alert
            type="info" showIcon style={{ marginTop: 12 }}
            title={matter.canReopenUntil ? fill(r.card.dissatisfiedReopen, { until: time(matter.canReopenUntil) }) : r.card.dissatisfiedNoReopen}
          />
        )}
      </Card>
    );
  }
  if (!matter.mayRate) return null;

  const onFinish = async (values: Values) => {
    setSending(true);
    setError(undefined);
    try {
      const comment = values.comment?.trim();
      await portalApi.rate(code, { rating: values.rating, ...(comment ? { comment } : {}) });
      message.success(r.card.sent);
      onRated();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['rating', 'comment']);
      if (e.fields.length === 0 || rest.length > 0) setError(e.message);
      // Rated meanwhile (another tab): show what is on record.
      if (e.code === 'ALREADY_RATED' || e.code === 'RATING_NOT_OPEN') onRated();
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={r.card.title} data-testid="rating-card">
      <Typography.Paragraph type="secondary">{r.card.intro}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={sending}>
        <Form.Item name="rating" label={r.card.rating} rules={[{ required: true, message: r.card.ratingRequired }]}>
          <Radio.Group
            optionType="button" buttonStyle="solid"
            options={RATINGS.map((value) => ({ value, label: r.values[value] }))}
          />
        </Form.Item>
        <Form.Item name="comment" label={r.card.comment} rules={[{ max: RATING_COMMENT_MAX, transform: (v?: string) => v?.trim() }]}>
          <Input.TextArea rows={3} showCount maxLength={RATING_COMMENT_MAX} placeholder={r.card.commentPlaceholder} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={sending}>{r.card.send}</Button>
      </Form>
    </Card>
  );
}
