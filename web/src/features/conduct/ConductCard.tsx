import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Finding } from '../../../../common/contracts/conduct';
import { ApiError } from '../../lib/api-client';
import { fmtTime } from '../../lib/format';
import { useLoad } from '../portal/useLoad';
import { conductApi, useConductMessages, type ConductCard as CardData, type Officer, type Reporter } from './conduct-api';

/**
 * 投诉举报 on the staff matter page: what the citizen named, the officers linked (with the finding), linking for the
 * supervision office, and the sealed reporter of a 举报 with its audited unsealing. Fetches its own data; says nothing
 * for other kinds of matter.
 */
export function ConductCard({ matterId, version, onChanged }: { matterId: number; version: number; onChanged: () => void }) {
  const m = useConductMessages();
  const card = useLoad(() => conductApi.card(matterId), [matterId, version]);
  const { message } = App.useApp();
  const [unlinking, setUnlinking] = useState<number | null>(null);
  const [unsealing, setUnsealing] = useState(false);
  const [reporter, setReporter] = useState<Reporter | null>(null);
  const data = card.data;
  if (!data?.applies) return null;

  async function run(work: (d: CardData) => Promise<unknown>) {
    try {
      await work(data!);
      message.success(m.card.done);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.error(error.message);
    }
    onChanged();
  }

  return (
    <Card size="small" title={m.card.title} data-testid="conduct-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={1} bordered>
          {data.kind !== 'report' || data.namedOfficer ? (
            <Descriptions.Item label={m.card.named}>{data.namedOfficer ?? m.card.none}</Descriptions.Item>
          ) : null}
          {data.sealed && (
            <Descriptions.Item label={m.card.reporter}>
              <Space wrap data-testid="reporter">
                {reporter
                  ? <Typography.Text>{[reporter.name, reporter.phone, reporter.idNumber, reporter.address].filter(Boolean).join(' / ')}</Typography.Text>
                  : <Tag color="purple">{data.anonymous ? m.card.anonymous : m.card.sealed}</Tag>}
                {data.mayUnseal && !reporter && <Button size="small" onClick={() => setUnsealing(true)}>{m.card.unseal}</Button>}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Text strong>{m.card.officers}</Typography.Text>
        {data.officers.length === 0 ? <Typography.Text type="secondary">{m.card.noOfficers}</Typography.Text> : (
          <Table size="small" pagination={false} rowKey="id" dataSource={data.officers} scroll={{ x: 560 }} data-testid="concerned-officers"
            columns={[
              { title: m.page.officer, key: 'name', render: (_, o) => `${o.name}${o.badgeNo ? `（${o.badgeNo}）` : ''}` },
              { title: m.card.unit, dataIndex: 'unit' },
              { title: m.card.linkedAt, dataIndex: 'linkedAt', render: (at: string) => fmtTime(at) },
              { title: m.card.finding, key: 'finding', render: (_, o) => (
                <Space wrap>
                  {o.finding ? <Tag color={o.finding === 'sustained' ? 'red' : 'green'}>{m.findings[o.finding]}</Tag> : <Tag>{m.card.pending}</Tag>}
                  {data.mayRecordFinding && (['sustained', 'not_sustained'] as Finding[]).filter((f) => f !== o.finding).map((f) => (
                    <Button key={f} size="small" onClick={() => void run((d) => conductApi.finding(matterId, d.version, o.id, f))}>
                      {f === 'sustained' ? m.card.sustained : m.card.notSustained}
                    </Button>
                  ))}
                </Space>
              ) },
              ...(data.mayLink ? [{ title: '', key: 'unlink', render: (_: unknown, o: { id: number }) => (
                <Button size="small" type="link" onClick={() => setUnlinking(o.id)}>{m.card.unlink}</Button>
              ) }] : []),
            ]}
          />
        )}
        {data.mayLink && <LinkOfficer onPick={(officer) => void run((d) => conductApi.link(matterId, d.version, officer.id))} />}
      </Space>
      <ReasonModal open={unlinking !== null} title={m.card.unlink} label={m.card.unlinkReason} onClose={() => setUnlinking(null)}
        onSubmit={async (reason) => { await conductApi.unlink(matterId, data.version, unlinking!, reason); setUnlinking(null); message.success(m.card.done); onChanged(); }} />
      <ReasonModal open={unsealing} title={m.card.unseal} label={m.card.unsealReason} hint={m.card.unsealHint} onClose={() => setUnsealing(false)}
        onSubmit={async (reason) => { setReporter(await conductApi.unseal(matterId, reason)); setUnsealing(false); }} />
    </Card>
  );
}

/** Officers found by name or badge number as one types; picking one links them. */
function LinkOfficer({ onPick }: { onPick: (officer: Officer) => void }) {
  const m = useConductMessages();
  const [options, setOptions] = useState<Officer[]>([]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select<number>
        showSearch={{ filterOption: false, onSearch: (q) => { if (q.trim()) void conductApi.officers(q).then(setOptions, () => setOptions([])); } }}
        placeholder={m.card.search} style={{ width: '100%', maxWidth: 420 }} value={null} data-testid="link-officer"
        options={options.map((o) => ({ value: o.id, label: `${o.name}${o.badgeNo ? `（${o.badgeNo}）` : ''} · ${o.unit}` }))}
        onChange={(value) => { const officer = options.find((o) => o.id === value); if (officer) onPick(officer); }}
      />
      <Typography.Text type="secondary">{m.card.linkHint}</Typography.Text>
    </Space>
  );
}

function ReasonModal({ open, title, label, hint, onClose, onSubmit }: {
  open: boolean; title: string; label: string; hint?: string; onClose: () => void; onSubmit: (reason: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  return (
    <Modal open={open} title={title} onCancel={onClose} confirmLoading={busy} destroyOnHidden
      onOk={async () => {
        const { reason } = await form.validateFields();
        setBusy(true);
        try { await onSubmit(reason); form.resetFields(); } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          message.error(error.message);
        } finally { setBusy(false); }
      }}>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={label} extra={hint} rules={[{ required: true, min: 2, max: 500, message: label }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
