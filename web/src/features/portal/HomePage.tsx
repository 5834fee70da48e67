import {
  AuditOutlined, CommentOutlined, FileSearchOutlined, FormOutlined, MailOutlined, MessageOutlined, ScheduleOutlined, SafetyOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { usePostsText } from '../posts/posts-api';
import { formatLimit, kindName, portalApi } from './portal-api';
import { useLoad } from './useLoad';

type EntryKey = keyof ReturnType<typeof usePostsText>['home']['entries'];

/** Every channel the public uses, in the order people most need them; each a large tap target on a phone. */
const ENTRIES: { key: EntryKey; to: string; icon: ReactNode }[] = [
  { key: 'submit', to: '/submit', icon: <FormOutlined /> },
  { key: 'petition', to: '/petition', icon: <AuditOutlined /> },
  { key: 'complaint', to: '/submit?kind=complaint', icon: <SafetyOutlined /> },
  { key: 'report', to: '/submit?kind=report', icon: <CommentOutlined /> },
  { key: 'mailbox', to: '/mailbox', icon: <MailOutlined /> },
  { key: 'board', to: '/board', icon: <MessageOutlined /> },
  { key: 'reception', to: '/reception', icon: <ScheduleOutlined /> },
  { key: 'track', to: '/track', icon: <FileSearchOutlined /> },
];

export function HomePage() {
  const { t, locale } = useI18n();
  const p = usePostsText();
  const kinds = useLoad(portalApi.kinds, [locale]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{p.home.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{p.home.intro}</Typography.Paragraph>
        <Space wrap>
          <Link to="/submit"><Button type="primary" size="large" icon={<FormOutlined />}>{t.home.submit}</Button></Link>
          <Link to="/track"><Button size="large" icon={<FileSearchOutlined />}>{t.home.track}</Button></Link>
        </Space>
      </Card>
      <Card title={p.home.channels} styles={{ body: { padding: 12 } }}>
        <Row gutter={[8, 8]} data-testid="channels">
          {ENTRIES.map(({ key, to, icon }) => (
            <Col key={key} xs={12} sm={8} md={6}>
              <Link to={to} data-channel={key} style={{ display: 'block', height: '100%' }}>
                <Card hoverable size="small" style={{ height: '100%' }} styles={{ body: { padding: '12px 10px', minHeight: 76 } }}>
                  <Space align="start" size={8}>
                    <span style={{ fontSize: 22, color: '#1d4e89' }}>{icon}</span>
                    <div>
                      <Typography.Text strong>{p.home.entries[key].title}</Typography.Text>
                      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.home.entries[key].text}</Typography.Text></div>
                    </div>
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={p.home.limits}>
        {kinds.loading && !kinds.data ? <Skeleton active /> : kinds.error ? (
          <Alert type="error" showIcon title={kinds.error.message} action={<Button size="small" onClick={kinds.reload} aria-label={p.retry} title={p.retry}>↻</Button>} />
        ) : (
          <List
            dataSource={kinds.data}
            locale={{ emptyText: t.home.empty }}
            renderItem={(kind) => (
              <List.Item data-kind={kind.code}>
                <List.Item.Meta
                  title={kindName(kind, locale)}
                  description={
                    <Space wrap size={[4, 4]}>
                      {kind.stages.map((stage) => (
                        <Tag key={stage.stage} color={stage.stage === 'acceptance' ? 'blue' : 'green'}>
                          {t.stages[stage.stage] ?? stage.stage} {formatLimit(stage, t.units, locale)}
                        </Tag>
                      ))}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
