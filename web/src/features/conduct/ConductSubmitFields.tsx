import { Alert, Checkbox, Form, Input } from 'antd';
import { useConductMessages } from './conduct-api';

/**
 * The portal form's fields for a complaint (投诉) or a report (举报): the officer as the citizen names them, where a
 * complaint goes and that a reporter stays confidential, and the anonymous report with what it gives up.
 */
export function ConductSubmitFields({ kind, aboutOfficer, anonymous }: { kind?: string; aboutOfficer?: boolean; anonymous?: boolean }) {
  const m = useConductMessages();
  if (kind !== 'complaint' && kind !== 'report') return null;
  return (
    <>
      {kind === 'report' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={m.submit.reportNotice} />}
      <Form.Item name="aboutOfficer" valuePropName="checked" style={{ marginBottom: aboutOfficer ? 8 : undefined }}>
        <Checkbox data-testid="about-officer">{kind === 'complaint' ? m.submit.aboutOfficer : m.submit.aboutOfficerReport}</Checkbox>
      </Form.Item>
      {aboutOfficer && <>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="conduct-notice" title={m.submit.complaintNotice} />
        <Form.Item name="namedOfficer" label={kind === 'complaint' ? m.submit.namedOfficer : m.submit.namedOfficerReport} rules={[{ max: 100 }]}>
          <Input maxLength={100} placeholder={m.submit.namedOfficerPlaceholder} />
        </Form.Item>
      </>}
      {kind === 'report' && (
        <Form.Item name="anonymous" valuePropName="checked" style={{ marginBottom: anonymous ? 8 : undefined }}>
          <Checkbox data-testid="anonymous">{m.submit.anonymous}</Checkbox>
        </Form.Item>
      )}
      {kind === 'report' && anonymous && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="anonymous-notice" title={m.submit.anonymousNotice} />
      )}
    </>
  );
}
