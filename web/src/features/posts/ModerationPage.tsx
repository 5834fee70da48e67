import { Alert, App, Button, Card, Empty, List, Pagination, Segmented, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fill } from '../../app/i18n';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { ModerationDialog } from './ModerationDialogs';
import { postsApi, usePostsText, type StaffPost } from './posts-api';

const PAGE_SIZE = 10;

/** 留言审核 (/console/moderation): waiting posts and letters oldest first, and the decided ones, within the moderator's sight. */
export function ModerationPage() {
  const m = usePostsText().moderation;
  const { message } = App.useApp();
  const [tab, setTab] = useState<'pending' | 'approved' | 'refused'>('pending');
  const [channel, setChannel] = useState<string>('');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ post: StaffPost; mode: 'approve' | 'refuse' }>();
  const list = useLoad(() => postsApi.queue({ moderation: tab, channel: channel || undefined, page, pageSize: PAGE_SIZE }), [tab, channel, page]);
  return (
    <Card title={m.title}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Tabs activeKey={tab} onChange={(key) => { setTab(key as typeof tab); setPage(1); }}
          items={(['pending', 'approved', 'refused'] as const).map((key) => ({ key, label: m.tabs[key] }))} />
        <Segmented value={channel} onChange={(value) => { setChannel(String(value)); setPage(1); }}
          options={[{ value: '', label: m.all }, { value: 'message_board', label: m.channels.message_board }, { value: 'mailbox', label: m.channels.mailbox }]} />
        {list.loading && !list.data ? <Skeleton active /> : list.error ? <Alert type="error" showIcon title={list.error.message} /> :
          list.data!.items.length === 0 ? <Empty description={m.empty} /> : (
            <>
              <List<StaffPost> itemLayout="vertical" dataSource={list.data!.items} rowKey="matterId"
                renderItem={(post) => (
                  <List.Item data-testid="moderation-item" data-matter-id={post.matterId}
                    actions={[
                      post.moderation !== 'approved' && <Button key="a" type="primary" size="small" onClick={() => setDialog({ post, mode: 'approve' })} data-testid="approve">
                        {post.moderation === 'refused' ? m.republish : m.approve}</Button>,
                      post.moderation !== 'refused' && <Button key="r" danger size="small" onClick={() => setDialog({ post, mode: 'refuse' })} data-testid="refuse">
                        {post.moderation === 'approved' ? m.withdraw : m.refuse}</Button>,
                      <Link key="v" to={`/console/matters/${post.matterId}`}>{m.viewMatter}</Link>,
                    ].filter(Boolean)}>
                    <Space wrap size={[6, 4]}>
                      <Typography.Text strong>{post.title}</Typography.Text>
                      <Tag color="blue">{m.channels[post.channel]}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{post.caseNo} · {post.area} · {fmtTime(post.postedAt)}</Typography.Text>
                    </Space>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>{post.content}</Typography.Paragraph>
                    {post.publishedText && post.publishedText !== post.content && (
                      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{m.published}：{post.publishedText}</Typography.Paragraph>
                    )}
                    {post.refusal && (
                      <Typography.Paragraph type="warning">{post.refusal.reasons.map((r) => r.label).join('、')}{post.refusal.note ? `：${post.refusal.note}` : ''}</Typography.Paragraph>
                    )}
                    {post.moderatedBy && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fill(m.moderatedBy, { by: post.moderatedBy, at: fmtTime(post.moderatedAt) })}</Typography.Text>
                    )}
                  </List.Item>
                )} />
              <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={list.data!.total} onChange={setPage} hideOnSinglePage showSizeChanger={false} />
            </>
          )}
      </Space>
      {dialog && (
        <ModerationDialog post={dialog.post} mode={dialog.mode} onClose={() => setDialog(undefined)}
          onDone={() => { setDialog(undefined); message.success(m.done); list.reload(); }} />
      )}
    </Card>
  );
}
