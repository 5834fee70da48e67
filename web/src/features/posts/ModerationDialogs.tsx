import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { POST_LIMITS, REFUSAL_REASON_LABELS, REFUSAL_REASONS, type RefusalReason } from '../../../../common/contracts/posts';
import { useI18n } from '../../app/i18n';
import { ApiError, applyFieldErrors } from '../../lib/api-client';
import { postsApi, usePostsText, type StaffPost } from './posts-api';

type Mode = 'approve' | 'refuse';

/** The moderator's two decisions: publish (the text editable, personal data removed) or refuse with reasons. */
export function ModerationDialog({ post, mode, onClose, onDone }: { post: StaffPost; mode: Mode; onClose: () => void; onDone: (post: StaffPost) => void }) {
  const { locale } = useI18n();
  const m = usePostsText().moderation;
  const [form] = Form.useForm<{ title: string; text: string; reasons: RefusalReason[]; note?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      const body = mode === 'approve'
        ? { version: post.version, decision: 'approve' as const, title: values.title.trim(), text: values.text.trim() }
        : { version: post.version, decision: 'refuse' as const, reasons: values.reasons, ...(values.note?.trim() ? { note: values.note.trim() } : {}) };
      onDone(await postsApi.moderate(post.matterId, body));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const rest = applyFieldErrors(form, e, ['title', 'text', 'reasons', 'note']);
      setError([e.message, ...rest.map((f) => f.message)].join('；'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={mode === 'approve' ? m.approveTitle : m.refuseTitle} onCancel={onClose} onOk={submit} confirmLoading={saving}
      okText={mode === 'approve' ? m.approve : m.refuse} okButtonProps={{ danger: mode === 'refuse', ...({ 'data-testid': 'moderation-ok' } as Record<string, string>) }}
      destroyOnHidden width={640}>
      <Alert type="info" showIcon title={mode === 'approve' ? m.approveHint : m.refuseHint} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical"
        initialValues={{ title: post.publishedTitle ?? post.title, text: post.publishedText ?? post.suggestedText, reasons: [] }}>
        {mode === 'approve' ? (
          <>
            <Form.Item name="title" label={m.published} rules={[{ required: true, whitespace: true, min: POST_LIMITS.titleMin, max: POST_LIMITS.titleMax }]}>
              <Input maxLength={POST_LIMITS.titleMax} showCount />
            </Form.Item>
            <Form.Item name="text" rules={[{ required: true, whitespace: true, min: POST_LIMITS.textMin, max: POST_LIMITS.textMax }]}>
              <Input.TextArea rows={8} maxLength={POST_LIMITS.textMax} showCount data-testid="published-text" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="reasons" label={m.reasons} rules={[{ required: true, type: 'array', min: 1, message: m.reasonsRequired }]}>
              <Checkbox.Group options={REFUSAL_REASONS.map((code) => ({ value: code, label: locale === 'en' ? REFUSAL_REASON_LABELS[code].en : REFUSAL_REASON_LABELS[code].zh }))} />
            </Form.Item>
            <Form.Item name="note" label={m.note} dependencies={['reasons']}
              rules={[({ getFieldValue }) => ({ required: (getFieldValue('reasons') ?? []).includes('other'), whitespace: true, message: m.note })]}>
              <Input.TextArea rows={2} maxLength={POST_LIMITS.noteMax} showCount />
            </Form.Item>
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="moderation-error" />}
    </Modal>
  );
}
