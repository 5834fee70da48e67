/**
 * 事项列表: every matter the user may see, filtered and searched on the server, paged and sorted by it.
 * The filters live in the URL (a list can be shared, reloaded, and comes back on the back button); the
 * export downloads the .xlsx with the same filters through fetch, so that a refusal shows as a message.
 */
import { DownloadOutlined, FilterOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Checkbox, DatePicker, Form, Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CHANNELS, EXPORT_MAX_ROWS, MATTER_SORTS as SORTS } from '../../../../common/contracts/matters';
import { MATTER_STATES, STATE_LABELS } from '../../../../common/workflow';
import { fill, useI18n } from '../../app/i18n';
import { useLoad } from '../portal/useLoad';
import { consoleApi, exportMatters, type MatterSummary } from './console-api';
import { fmtTime, kindLabel, StateTag } from './format';

type Sort = (typeof SORTS)[number];
const PAGE_SIZES = [20, 50, 100];
/** The URL's filter keys that go to the API unchanged; from/to (dates) become receivedFrom/receivedTo (instants). */
const PLAIN = ['kind', 'channel', 'state', 'handlerUnitId', 'handlerOfficerId', 'q'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type FilterValues = {
  kind?: string; channel?: string; state?: string; handlerUnitId?: number; handlerOfficerId?: number;
  received?: [Dayjs | null, Dayjs | null] | null; overdue?: boolean; q?: string;
};

/** The API's filters for the URL's: the list and the export get exactly these. */
function apiFilters(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of PLAIN) {
    const value = params.get(key)?.trim();
    if (value) out.set(key, value);
  }
  // A day in the user's time zone (Beijing for the bureau), from its first to its last millisecond.
  const from = params.get('from');
  const to = params.get('to');
  if (from && DATE.test(from)) out.set('receivedFrom', dayjs(from).startOf('day').toISOString());
  if (to && DATE.test(to)) out.set('receivedTo', dayjs(to).endOf('day').toISOString());
  if (params.get('overdue') === 'true') out.set('overdue', 'true');
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort) && sort !== '-receivedAt') out.set('sort', sort);
  return out;
}

function formValues(params: URLSearchParams): FilterValues {
  const num = (key: string) => (Number(params.get(key)) > 0 ? Number(params.get(key)) : undefined);
  const day = (key: string) => (DATE.test(params.get(key) ?? '') ? dayjs(params.get(key)) : null);
  const from = day('from');
  const to = day('to');
  return {
    kind: params.get('kind') ?? undefined, channel: params.get('channel') ?? undefined, state: params.get('state') ?? undefined,
    handlerUnitId: num('handlerUnitId'), handlerOfficerId: num('handlerOfficerId'),
    received: from || to ? [from, to] : null, overdue: params.get('overdue') === 'true', q: params.get('q') ?? undefined,
  };
}

/** The URL for the form's values: empty filters leave the URL, and a new filter starts again at page 1. */
function toParams(values: FilterValues, keep: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '' && value !== false) out.set(key, String(value));
  };
  set('kind', values.kind);
  set('channel', values.channel);
  set('state', values.state);
  set('handlerUnitId', values.handlerUnitId);
  set('handlerOfficerId', values.handlerOfficerId);
  set('from', values.received?.[0]?.format('YYYY-MM-DD'));
  set('to', values.received?.[1]?.format('YYYY-MM-DD'));
  set('overdue', values.overdue ? 'true' : undefined);
  set('q', values.q?.trim());
  for (const key of ['sort', 'pageSize']) set(key, keep.get(key));
  return out;
}

/** The server names query fields as the API does; the form shows them at its own fields. */
const FIELD_OF: Record<string, keyof FilterValues> = {
  receivedFrom: 'received', receivedTo: 'received', kind: 'kind', channel: 'channel', state: 'state',
  handlerUnitId: 'handlerUnitId', handlerOfficerId: 'handlerOfficerId', overdue: 'overdue', q: 'q',
};

export function MatterListPage() {
  const { t, locale } = useI18n();
  const c = t.console;
  const l = c.matterList;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [open, setOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();

  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : PAGE_SIZES[0];
  const sort: Sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : '-receivedAt';
  const filters = useMemo(() => apiFilters(params), [params]);
  const filterKey = filters.toString();
  const unitId = Number(params.get('handlerUnitId')) || undefined;

  const kinds = useLoad(() => consoleApi.kinds(), []);
  const units = useLoad(() => consoleApi.units(), []);
  const officers = useLoad(() => (unitId ? consoleApi.unitStaff(unitId) : Promise.resolve([])), [unitId]);
  const list = useLoad(() => {
    const query = new URLSearchParams(filters);
    query.set('page', String(page));
    query.set('pageSize', String(pageSize));
    return consoleApi.matterList(query);
  }, [filterKey, page, pageSize]);

  // The form follows the URL (back and forward buttons, a shared link), not the other way round.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(formValues(params));
  }, [params, form]);

  // The server's field errors go next to their fields; anything else, and errors for fields not shown
  // (a phone keeps the filters folded away), is shown above the table.
  const error = list.error;
  const filtersShown = !narrow || open;
  const unplaced = useMemo(
    () => error?.fields.filter((f) => !FIELD_OF[f.path] || (!filtersShown && FIELD_OF[f.path] !== 'q')) ?? [],
    [error, filtersShown]);
  useEffect(() => {
    if (!error) return;
    const byField = new Map<keyof FilterValues, string[]>();
    for (const f of error.fields) {
      const field = FIELD_OF[f.path];
      if (field) byField.set(field, [...(byField.get(field) ?? []), f.message]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }, [error, form, filtersShown]);

  const apply = (values: FilterValues) => setParams(toParams(values, params));
  const onValuesChange = (changed: Partial<FilterValues>, all: FilterValues) => {
    if ('q' in changed) return; // the search box applies on Enter or its button
    if ('handlerUnitId' in changed) all = { ...all, handlerOfficerId: undefined };
    apply(all);
  };
  const active = [...filters.keys()].filter((k) => k !== 'sort' && k !== 'q').length;
  const total = list.data?.total ?? 0;
  const tooMany = total > EXPORT_MAX_ROWS;

  const sortOrder = (field: 'receivedAt' | 'dueAt') =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;
  const columns: ColumnsType<MatterSummary> = [
    {
      title: c.cols.caseNo, dataIndex: 'caseNo', width: 150, fixed: narrow ? undefined : 'left',
      render: (caseNo: string, r) => <Link to={`/console/matters/${r.id}`} onClick={(e) => e.stopPropagation()}>{caseNo}</Link>,
    },
    { title: c.cols.kind, dataIndex: 'kind', width: 80, render: (code: string) => kindLabel(kinds.data, code, locale) },
    { title: l.cols.channel, dataIndex: 'channel', width: 70, render: (ch: string) => c.channels[ch] ?? ch },
    { title: c.cols.state, dataIndex: 'state', width: 110, render: (_, r) => <StateTag state={r.state} locale={locale} /> },
    { title: c.cols.summary, dataIndex: 'summary', ellipsis: true, width: 260 },
    { title: c.cols.unit, dataIndex: ['handlerUnit', 'name'], width: 120 },
    { title: c.cols.officer, dataIndex: ['handlerOfficer', 'name'], width: 100, render: (name?: string) => name ?? '—' },
    {
      title: c.cols.due, dataIndex: 'nextDueAt', key: 'dueAt', width: 180, sorter: true, sortOrder: sortOrder('dueAt'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (at: string | null, r) => (r.overdue ? <Tag color="red">{fmtTime(at)} {c.overdue}</Tag> : fmtTime(at)),
    },
    {
      title: c.cols.received, dataIndex: 'receivedAt', key: 'receivedAt', width: 160, sorter: true, sortOrder: sortOrder('receivedAt'),
      sortDirections: ['descend', 'ascend', 'descend'], render: fmtTime,
    },
  ];

  const onTableChange = (pagination: { current?: number; pageSize?: number }, sorter: SorterResult<MatterSummary> | SorterResult<MatterSummary>[]) => {
    const next = new URLSearchParams(params);
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const nextSort = s?.order && s.columnKey ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : '-receivedAt';
    const size = pagination.pageSize ?? pageSize;
    const sortChanged = nextSort !== sort;
    if (nextSort === '-receivedAt') next.delete('sort');
    else next.set('sort', nextSort);
    if (size === PAGE_SIZES[0]) next.delete('pageSize');
    else next.set('pageSize', String(size));
    const nextPage = sortChanged || size !== pageSize ? 1 : pagination.current ?? 1;
    if (nextPage === 1) next.delete('page');
    else next.set('page', String(nextPage));
    setParams(next);
  };

  const any = { allowClear: true, placeholder: l.filters.any };
  const wide = narrow ? { style: { width: '100%' } } : { style: { width: 150 } };
  const filterItems = (
    <>
      <Form.Item name="kind" label={l.filters.kind}>
        <Select {...any} {...wide} data-testid="filter-kind"
          options={(kinds.data ?? []).map((k) => ({ value: k.code, label: locale === 'en' ? k.nameEn : k.nameZh }))} />
      </Form.Item>
      <Form.Item name="channel" label={l.filters.channel}>
        <Select {...any} {...wide} data-testid="filter-channel" options={CHANNELS.map((ch) => ({ value: ch, label: c.channels[ch] ?? ch }))} />
      </Form.Item>
      <Form.Item name="state" label={l.filters.state}>
        <Select {...any} {...wide} data-testid="filter-state"
          options={MATTER_STATES.map((s) => ({ value: s, label: locale === 'en' ? STATE_LABELS[s].en : STATE_LABELS[s].zh }))} />
      </Form.Item>
      <Form.Item name="handlerUnitId" label={l.filters.unit}>
        <Select {...any} {...wide} showSearch optionFilterProp="label" data-testid="filter-unit"
          options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="handlerOfficerId" label={l.filters.officer}>
        <Select {...any} {...wide} showSearch optionFilterProp="label" disabled={!unitId} loading={officers.loading}
          placeholder={unitId ? l.filters.any : l.filters.selectUnitFirst} data-testid="filter-officer"
          options={(officers.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
      </Form.Item>
      <Form.Item name="received" label={l.filters.received}>
        <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[l.filters.receivedStart, l.filters.receivedEnd]}
          style={narrow ? { width: '100%' } : undefined} data-testid="filter-received" />
      </Form.Item>
      <Form.Item name="overdue" valuePropName="checked">
        <Checkbox data-testid="filter-overdue">{l.filters.overdueOnly}</Checkbox>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => setParams(new URLSearchParams(params.get('pageSize') ? { pageSize: params.get('pageSize')! } : {}))}>
          {l.filters.reset}
        </Button>
      </Form.Item>
    </>
  );

  async function onExport() {
    setExporting(true);
    try {
      await exportMatters(filters, `matters-${dayjs().format('YYYYMMDD')}.xlsx`);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  const exportButton = (
    <Tooltip title={tooMany ? fill(l.exportTooMany, { max: EXPORT_MAX_ROWS }) : fill(l.exportHint, { max: EXPORT_MAX_ROWS })}>
      <Button icon={<DownloadOutlined />} onClick={() => void onExport()} loading={exporting}
        disabled={tooMany} data-testid="export-link">
        {l.export}
      </Button>
    </Tooltip>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>{l.title}</Typography.Title>
        {exportButton}
      </div>
      <Card size="small">
        <Form<FilterValues> form={form} layout={narrow ? 'vertical' : 'inline'} onValuesChange={onValuesChange}
          initialValues={formValues(params)} data-testid="matter-filters" style={narrow ? undefined : { rowGap: 8 }}>
          <Form.Item name="q" label={narrow ? undefined : l.filters.search} style={narrow ? { marginBottom: 8 } : undefined}>
            <Input.Search allowClear placeholder={l.filters.searchPlaceholder} maxLength={50} enterButton
              style={narrow ? undefined : { width: 300 }} data-testid="matter-search"
              onSearch={(q) => apply({ ...form.getFieldsValue(), q })} />
          </Form.Item>
          {narrow && (
            <Button icon={<FilterOutlined />} onClick={() => setOpen(!open)} data-testid="filter-toggle" style={{ marginBottom: open ? 8 : 0 }}>
              {open ? l.filters.less : l.filters.more} {active > 0 && <Badge count={active} size="small" />}
            </Button>
          )}
          {filtersShown && filterItems}
        </Form>
        {error && (unplaced.length > 0 || error.fields.length === 0) && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="list-error"
            title={unplaced.length ? unplaced.map((f) => f.message).join('；') : error.message} />
        )}
      </Card>
      <Table<MatterSummary>
        data-testid="matter-list" rowKey="id" size="middle" columns={columns} loading={list.loading}
        dataSource={list.data?.items ?? []} scroll={{ x: 1230 }}
        onRow={(record) => ({ onClick: () => navigate(`/console/matters/${record.id}`), style: { cursor: 'pointer' } })}
        onChange={(pagination, _filters, sorter) => onTableChange(pagination, sorter)}
        pagination={{
          current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, size: 'small',
          showTotal: (n) => <span data-testid="list-total">{fill(l.total, { total: n })}</span>,
        }}
      />
    </Space>
  );
}
