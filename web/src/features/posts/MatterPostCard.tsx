import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { mayGeneral } from '../../../../common/access';
import { fmtTime } from '../../lib/format';
import { useSession } from '../console/session';
import { useLoad } from '../portal/useLoad';
import { ModerationDialog } from './ModerationDialogs';
import { postsApi, usePostsText } from './posts-api';

const COLORS: Record<string, string> = { pending: 'orange', approved: 'green', refused: 'red', private: 'default' };

/** On the console's matter page: whether this letter or post is public, what is published, and (for moderators) the decision. */
export function MatterPostCard({ matterId }: { matterId: number }) {
  const p = usePostsText();
  const { staff } = useSession();
  const [mode, setMode] = useState<'approve' | 'refuse'>();
  const post = useLoad(() => postsApi.ofMatter(matterId), [matterId]);
  if (!post.data) return null;
  const data = post.data;
  const moderator = staff ? mayGeneral(staff.roles, 'posts.moderate') : false;
  return (
    <Card size="small" title={p.card.title} data-testid="matter-post"
      extra={moderator && data.moderation !== 'private' && (
        <Space>
          {data.moderation !== 'approved' && <Button size="small" type="primary" onClick={() => setMode('approve')}>{p.moderation.approve}</Button>}
          {data.moderation !== 'refused' && <Button size="small" danger onClick={() => setMode('refuse')}>
            {data.moderation === 'approved' ? p.moderation.withdraw : p.moderation.refuse}</Button>}
        </Space>
      )}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={p.moderation.channel}>{p.moderation.channels[data.channel]}</Descriptions.Item>
        <Descriptions.Item label={p.form.title}>{data.title}</Descriptions.Item>
        <Descriptions.Item label={p.card.title}>
          <Tag color={COLORS[data.moderation]}>{p.card.state[data.moderation]}</Tag>
          {!data.consent && p.card.consentNo}
          {data.moderatedAt && ` ${data.moderatedBy ?? ''} ${fmtTime(data.moderatedAt)}`}
        </Descriptions.Item>
        {data.refusal && <Descriptions.Item label={p.moderation.reasons}>
          {data.refusal.reasons.map((r) => r.label).join('、')}{data.refusal.note ? `：${data.refusal.note}` : ''}</Descriptions.Item>}
        {data.publishedText && <Descriptions.Item label={p.moderation.published}>{data.publishedText}</Descriptions.Item>}
      </Descriptions>
      {data.moderation === 'approved' && <Alert type="warning" showIcon title={p.card.publicNote} style={{ marginTop: 8 }} />}
      {mode && <ModerationDialog post={data} mode={mode} onClose={() => setMode(undefined)} onDone={() => { setMode(undefined); post.reload(); }} />}
    </Card>
  );
}
