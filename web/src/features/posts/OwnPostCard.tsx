import { Alert, Card, Descriptions } from 'antd';
import { fill } from '../../app/i18n';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { postsApi, usePostsText } from './posts-api';

/** On the poster's track page: whether their letter or post is public, and if it is not, why (the reasons sent by SMS). */
export function OwnPostCard({ code }: { code: string }) {
  const p = usePostsText();
  const own = useLoad(() => postsApi.own(code), [code]);
  // A matter that came by another channel has no post: the card is simply absent.
  if (!own.data) return null;
  const post = own.data;
  const channel = p.channels[post.channel];
  return (
    <Card title={p.own.title} data-testid="own-post">
      {post.moderation === 'pending' && <Alert type="info" showIcon title={fill(p.own.pending, { channel })} />}
      {post.moderation === 'private' && <Alert type="info" showIcon title={fill(p.own.private, { channel })} />}
      {post.moderation === 'approved' && (
        <Alert type="success" showIcon title={fill(p.own.approved, { channel, at: fmtTime(post.publishedAt), no: post.postNo })} />
      )}
      {post.moderation === 'refused' && post.refusal && (
        <Alert type="warning" showIcon title={fill(p.own.refused, { channel })} data-testid="refusal"
          description={
            <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
              <Descriptions.Item label={p.own.reasons}>{post.refusal.reasons.map((r) => r.label).join('、')}</Descriptions.Item>
              {post.refusal.note && <Descriptions.Item label={p.own.note}>{post.refusal.note}</Descriptions.Item>}
              <Descriptions.Item label="">{p.own.stillHandled}</Descriptions.Item>
            </Descriptions>
          } />
      )}
    </Card>
  );
}
