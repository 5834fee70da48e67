import { Card, Space, Typography } from 'antd';
import { PostForm } from './PostForm';
import { usePostsText } from './posts-api';
import { PublishedPosts } from './PublishedPosts';

/** 局长信箱 (/mailbox): the promise (7 working days, at most 15), the letter form, the letters published with consent. */
export function MailboxPage() {
  const p = usePostsText();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={p.mailbox.write}>
        <Typography.Paragraph type="secondary" data-testid="mailbox-promise">{p.mailbox.intro}</Typography.Paragraph>
        <PostForm channel="mailbox" />
      </Card>
      <PublishedPosts channel="mailbox" title={p.mailbox.published} empty={p.mailbox.empty} />
    </Space>
  );
}
