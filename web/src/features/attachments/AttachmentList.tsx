import { FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { List, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatBytes, isImage } from '../../../../common/attachments';
import { useI18n } from '../../app/i18n';

export type AttachmentItem = { id: number; name: string; type: string; size: number };

/**
 * A matter's files with download links. The server sends each as a download with its sniffed type
 * (nosniff, sandbox), so a link never opens a file as a page of this site. Image thumbnails are read
 * through the same link: an <img> only ever draws an image.
 */
export function AttachmentList<T extends AttachmentItem>(props: {
  items: T[]; href: (item: T) => string; thumbnails?: boolean; extra?: (item: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (props.items.length === 0) return <Typography.Text type="secondary">{t.attachments.none}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={props.items}
      data-testid="attachments"
      renderItem={(item) => (
        <List.Item>
          <Space align="center" style={{ minWidth: 0 }}>
            {props.thumbnails && isImage(item.type)
              ? <img src={props.href(item)} alt="" loading="lazy" style={{ width: 40, height: 40, objectFit: 'cover', borderRadius: 4 }} />
              : isImage(item.type) ? <FileImageOutlined /> : <FilePdfOutlined />}
            <span style={{ minWidth: 0 }}>
              <a href={props.href(item)} download={item.name} style={{ wordBreak: 'break-all' }}>{item.name}</a>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                {formatBytes(item.size)}{props.extra ? <> · {props.extra(item)}</> : null}
              </Typography.Text>
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}
