import { Alert, Button, Card, Descriptions, Form, Input, Radio, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RATING_COMMENT_MAX, RATINGS, type Rating } from '../../../../common/contracts/ratings';
import { useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { feedbackApi } from './feedback-api';

type Values = { rating: Rating; comment?: string };

/**
 * /f/:token — the one-time link of a follow-up message, opened on a phone: what was asked and answered
 * (no personal data), the three-level rating and a comment. The link works once; a used or expired link
 * says so plainly.
 */
export function FollowUpLinkPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const f = t.feedback.link;
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Rating>();
  const [error, setError] = useState<string>();
  const view = useLoad(() => feedbackApi.link(token), [token]);

  if (done) {
    return (
      <Result
        status="success" title={f.thanks} data-testid="follow-up-done"
        subTitle={<Space orientation="vertical">{done === 'dissatisfied' && <span>{f.thanksDissatisfied}</span>}<span>{f.thanksNote}</span></Space>}
        extra={<Link to="/track"><Button>{f.track}</Button></Link>}
      />
    );
  }
  if (view.loading && !view.data) return <Card><Skeleton active /></Card>;
  if (view.error || !view.data) {
    return (
      <Result
        status="warning" title={f.unusable} subTitle={<span data-testid="follow-up-error">{view.error?.message}</span>}
        extra={<Link to="/track"><Button>{f.track}</Button></Link>}
      />
    );
  }
  const v = view.data;

  const onFinish = async (values: Values) => {
    setSending(true);
    setError(undefined);
    try {
      const comment = values.comment?.trim();
      await feedbackApi.rateLink(token, { rating: values.rating, ...(comment ? { comment } : {}) });
      setDone(values.rating);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['rating', 'comment']);
      if (e.fields.length === 0 || rest.length > 0) setError(e.message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={f.title} data-testid="follow-up-link">
      <Typography.Paragraph type="secondary">{f.intro}</Typography.Paragraph>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={f.kind}>{v.kindName}</Descriptions.Item>
        <Descriptions.Item label={f.unit}>{v.unitName}</Descriptions.Item>
        <Descriptions.Item label={f.closedAt}>{fmtTime(v.closedAt)}</Descriptions.Item>
        {v.reply && (
          <Descriptions.Item label={f.reply}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="follow-up-reply">{v.reply}</Typography.Text>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={f.expiresAt}>{fmtTime(v.expiresAt)}</Descriptions.Item>
      </Descriptions>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={sending}>
        <Form.Item name="rating" label={t.rating.card.rating} rules={[{ required: true, message: t.rating.card.ratingRequired }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={RATINGS.map((value) => ({ value, label: t.rating.values[value] }))} />
        </Form.Item>
        <Form.Item name="comment" label={t.rating.card.comment} rules={[{ max: RATING_COMMENT_MAX, transform: (s?: string) => s?.trim() }]}>
          <Input.TextArea rows={3} showCount maxLength={RATING_COMMENT_MAX} placeholder={t.rating.card.commentPlaceholder} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={sending} block>{t.rating.card.send}</Button>
      </Form>
    </Card>
  );
}
