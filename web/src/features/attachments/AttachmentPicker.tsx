import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import {
  ALLOWED_TYPES_LABEL, ALLOWED_TYPES_LABEL_EN, ATTACHMENT_ACCEPT, checkAttachment, MAX_ATTACHMENT_LABEL, MAX_ATTACHMENTS, SNIFF_BYTES,
} from '../../../../common/attachments';
import { fill, useI18n } from '../../app/i18n';

/**
 * Picks files to send with a form. Nothing is uploaded here: the files stay in the browser until the
 * form is sent (beforeUpload returns false). Each file is checked by its content and size with the
 * server's own rules (common/attachments.ts), and a refused file is named with the reason.
 */
export function AttachmentPicker(props: { value: File[]; onChange: (files: File[]) => void; disabled?: boolean }) {
  const { t, locale } = useI18n();
  const a = t.attachments;
  const [problems, setProblems] = useState<string[]>([]);
  // The files as of the last change: checks finish asynchronously, one after another.
  const current = useRef<File[]>(props.value);
  current.current = props.value;
  const types = locale === 'en' ? ALLOWED_TYPES_LABEL_EN : ALLOWED_TYPES_LABEL;

  const check = async (file: File) => {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const result = checkAttachment(file.name, file.size, head);
    if ('problem' in result) {
      const text = result.problem === 'size' ? a.tooLarge : a.wrongType;
      setProblems((list) => [...list, fill(text, { name: result.name, types, size: MAX_ATTACHMENT_LABEL })]);
      return;
    }
    if (current.current.length >= MAX_ATTACHMENTS) {
      setProblems((list) => [...list, fill(a.tooMany, { name: file.name, max: MAX_ATTACHMENTS })]);
      return;
    }
    current.current = [...current.current, file];
    props.onChange(current.current);
  };

  const fileList: UploadFile[] = props.value.map((file, i) => ({ uid: `${i}-${file.name}-${file.size}`, name: file.name, status: 'done', size: file.size }));
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Upload
        multiple
        accept={ATTACHMENT_ACCEPT}
        fileList={fileList}
        disabled={props.disabled}
        beforeUpload={(file) => {
          setProblems([]);
          void check(file);
          return false;
        }}
        onRemove={(removed) => {
          props.onChange(props.value.filter((_, i) => fileList[i].uid !== removed.uid));
          return true;
        }}
      >
        <Button icon={<PaperClipOutlined />} disabled={props.disabled}>{a.pick}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fill(a.hint, { types, max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_LABEL })}
      </Typography.Text>
      {problems.map((problem, i) => <Alert key={i} type="error" showIcon title={problem} data-testid="attachment-error" />)}
    </Space>
  );
}
