import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { PostForm } from './PostForm';
import { usePostsText } from './posts-api';
import { PublishedPosts } from './PublishedPosts';

/** 网上留言 (/board): the published posts with their answers, and the form to write one. */
export function BoardPage() {
  const p = usePostsText();
  const [writing, setWriting] = useState(false);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{p.board.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{p.board.intro}</Typography.Paragraph>
        <Button type={writing ? 'default' : 'primary'} size="large" icon={<EditOutlined />} onClick={() => setWriting(!writing)} data-testid="write-post">
          {writing ? p.board.hideForm : p.board.write}
        </Button>
      </Card>
      {writing && <Card title={p.board.write}><PostForm channel="message_board" /></Card>}
      <PublishedPosts channel="message_board" title={p.board.published} empty={p.board.empty} />
    </Space>
  );
}
