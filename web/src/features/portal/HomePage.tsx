import { FileSearchOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { formatLimit, kindName, portalApi } from './portal-api';
import { useLoad } from './useLoad';

export function HomePage() {
  const { t, locale } = useI18n();
  const kinds = useLoad(portalApi.kinds, [locale]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t.home.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{t.home.intro}</Typography.Paragraph>
        <Space wrap>
          <Link to="/submit"><Button type="primary" size="large" icon={<FormOutlined />}>{t.home.submit}</Button></Link>
          <Link to="/track"><Button size="large" icon={<FileSearchOutlined />}>{t.home.track}</Button></Link>
        </Space>
      </Card>
      <Card title={t.home.limits}>
        {kinds.loading && !kinds.data ? <Skeleton active /> : kinds.error ? (
          <Alert type="error" showIcon title={kinds.error.message} action={<Button size="small" onClick={kinds.reload}>↻</Button>} />
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
