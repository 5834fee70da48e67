import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { fill, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api-client';
import { AttachmentList } from '../attachments/AttachmentList';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import { consoleApi, type MatterView } from './console-api';
import { fmtTime } from './format';

/**
 * 附件: the citizen's and staff's files, with download links and thumbnails. Staff who may add a note
 * may add files too (the same permission; the files stay internal).
 */
export function AttachmentsCard(props: { matter: MatterView; onAdded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const a = t.attachments;
  const m = props.matter;
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const mayAdd = m.allowedActions.includes('note');

  const upload = async () => {
    setSending(true);
    setError(undefined);
    try {
      const done = await consoleApi.addAttachments(m.id, files);
      message.success(fill(a.uploaded, { count: done.attachments.length }));
      setFiles([]);
      props.onAdded();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={a.title} extra={<Typography.Text type="secondary" data-testid="attachments-count">{m.attachments.length}</Typography.Text>} data-testid="attachments-card">
      <AttachmentList
        items={m.attachments} thumbnails href={(item) => consoleApi.attachmentUrl(m.id, item.id)}
        extra={(item) => `${item.addedBy === 'citizen' ? a.byCitizen : `${a.byStaff} ${item.addedByName ?? ''}`.trim()} · ${fmtTime(item.addedAt)}`}
      />
      {mayAdd && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <AttachmentPicker value={files} onChange={setFiles} disabled={sending} />
          {files.length > 0 && (
            <Button type="primary" icon={<UploadOutlined />} loading={sending} onClick={upload}>{a.upload}</Button>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.uploadHint}</Typography.Text>
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      )}
    </Card>
  );
}
