import { Alert, Button, Card, Checkbox, Empty, Input, List, Pagination, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { PostChannel } from '../../../../common/contracts/posts';
import { fill } from '../../app/i18n';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { postsApi, usePostsText, type PublicPost } from './posts-api';

const STATUS_COLORS: Record<string, string> = { replied: 'green', closed: 'green', not_accepted: 'default', received: 'blue', in_progress: 'blue', awaiting_citizen: 'orange' };
const PAGE_SIZE = 10;

/** The published posts or letters: paged, searchable, each as 网友 with the area, and the bureau's answer once given. */
export function PublishedPosts({ channel, title, empty }: { channel: PostChannel; title: string; empty: string }) {
  const p = usePostsText();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [answered, setAnswered] = useState(false);
  const list = useLoad(() => postsApi.published({ channel, q: q || undefined, answered: answered || undefined, page, pageSize: PAGE_SIZE }), [channel, q, answered, page]);
  return (
    <Card title={title} data-testid="published-posts">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Input.Search allowClear placeholder={p.board.search} aria-label={p.board.search} maxLength={30} onSearch={(value) => { setQ(value.trim()); setPage(1); }}
            style={{ width: 260, maxWidth: '100%' }} data-testid="post-search" />
          <Checkbox checked={answered} onChange={(e) => { setAnswered(e.target.checked); setPage(1); }}>{p.board.answeredOnly}</Checkbox>
        </Space>
        {list.loading && !list.data ? <Skeleton active /> : list.error ? (
          <Alert type="error" showIcon title={list.error.message} action={<Button size="small" onClick={list.reload} aria-label={p.retry} title={p.retry}>↻</Button>} />
        ) : list.data!.items.length === 0 ? <Empty description={empty} /> : (
          <>
            <List<PublicPost> itemLayout="vertical" dataSource={list.data!.items} rowKey="postNo"
              renderItem={(post) => (
                <List.Item data-testid="public-post" data-post-no={post.postNo}>
                  <Space wrap size={[6, 4]} style={{ marginBottom: 4 }}>
                    <Typography.Text strong style={{ fontSize: 16 }}>{post.title}</Typography.Text>
                    <Tag>{post.kindName}</Tag>
                    <Tag color={STATUS_COLORS[post.status]}>{post.statusLabel}</Tag>
                  </Space>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fill(p.item.no, { no: post.postNo })} · {fill(p.item.author, { author: post.author, area: post.area })} · {fmtTime(post.postedAt)}
                    </Typography.Text>
                  </div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{post.text}</Typography.Paragraph>
                  {post.answer ? (
                    <div style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6, padding: '8px 12px' }} data-testid="post-answer">
                      <Typography.Text strong>{p.item.answer}</Typography.Text>
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                        {fill(p.item.answeredBy, { unit: post.answer.unit, at: fmtTime(post.answer.at) })}
                      </Typography.Text>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{post.answer.text}</Typography.Paragraph>
                    </div>
                  ) : <Typography.Text type="secondary">{p.item.awaiting}</Typography.Text>}
                </List.Item>
              )}
            />
            <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={list.data!.total} onChange={setPage} showSizeChanger={false}
              style={{ textAlign: 'center' }} hideOnSinglePage />
          </>
        )}
      </Space>
    </Card>
  );
}
