/**
 * 统计分析: totals, matters per day, on-time rate, overdue and satisfaction by unit and kind, for a
 * China-time date range, within what the user may see. Loaded lazily (router.tsx) so that ECharts
 * stays out of the portal's and the login page's bundles.
 */
import { DownloadOutlined, QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Row, Space, Spin, Statistic, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { FollowUpByUnit, OnTimeByUnit, OverdueByUnit, SatisfactionByKind, SatisfactionByOfficer, SatisfactionByUnit } from '../../../../common/contracts/stats';
import { fill, useI18n } from '../../app/i18n';
import { consoleApi, exportDashboard } from '../console/console-api';
import { useLoad } from '../portal/useLoad';
import { ChartCard } from './ChartCard';
import { barHeight, followUpOption, onTimeOption, overdueOption, percent, satisfactionOption, volumeOption } from './charts';

type Range = [Dayjs, Dayjs];
const DATE = 'YYYY-MM-DD';

function lastDays(n: number): Range {
  return [dayjs().subtract(n - 1, 'day').startOf('day'), dayjs().startOf('day')];
}

export function DashboardPage() {
  const { t, locale } = useI18n();
  const d = t.console.dashboard;
  const { message } = App.useApp();
  const [range, setRange] = useState<Range>(() => lastDays(30));
  const [exporting, setExporting] = useState(false);
  const from = range[0].format(DATE);
  const to = range[1].format(DATE);
  // Reloaded when the range or the language changes (errors and kind names follow the language).
  const { data, error, loading, reload } = useLoad(() => consoleApi.dashboard({ from, to }), [from, to, locale]);

  async function onExport() {
    setExporting(true);
    try {
      await exportDashboard({ from, to });
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  const presets = [
    { label: d.presets.last7, value: lastDays(7) },
    { label: d.presets.last30, value: lastDays(30) },
    { label: d.presets.thisMonth, value: [dayjs().startOf('month'), dayjs().startOf('day')] as Range },
    { label: d.presets.thisYear, value: [dayjs().startOf('year'), dayjs().startOf('day')] as Range },
  ];

  const rateCell = (rate: number | null) => percent(rate, d.noRate);
  const num = { align: 'right' as const };
  const unitCol = { title: d.cols.unit, dataIndex: 'unitName', key: 'unit', fixed: 'left' as const };
  const ratingCols = [
    { title: d.cols.satisfied, dataIndex: 'satisfied', key: 'satisfied', ...num },
    { title: d.cols.basicallySatisfied, dataIndex: 'basicallySatisfied', key: 'basicallySatisfied', ...num },
    { title: d.cols.dissatisfied, dataIndex: 'dissatisfied', key: 'dissatisfied', ...num },
    { title: d.cols.total, dataIndex: 'total', key: 'total', ...num },
    { title: d.cols.satisfactionRate, dataIndex: 'satisfactionRate', key: 'rate', ...num, render: rateCell },
  ];
  const kindName = (row: SatisfactionByKind) => (locale === 'en' ? row.kindNameEn : row.kindNameZh);

  // Built only when the numbers or the language change: EChart redraws on every new option object.
  const charts = useMemo(() => {
    if (!data) return undefined;
    const kindOf = (row: SatisfactionByKind) => (locale === 'en' ? row.kindNameEn : row.kindNameZh);
    return {
      volume: volumeOption(data, d),
      onTime: onTimeOption(data, d),
      overdue: overdueOption(data, d),
      byUnit: satisfactionOption(data.satisfactionByUnit, (r) => r.unitName, d),
      byKind: satisfactionOption(data.satisfactionByKind, kindOf, d),
      byOfficer: satisfactionOption(data.satisfactionByOfficer, (r) => r.officerName, d),
      followUp: followUpOption(data, d),
    };
  }, [data, d, locale]);
  const totals = data?.totals;
  const cards = totals && [
    { key: 'received', title: d.cards.received, value: String(totals.received), hint: d.cardHints.received },
    { key: 'closed', title: d.cards.closed, value: String(totals.closed), hint: d.cardHints.closed },
    { key: 'onTimeRate', title: d.cards.onTimeRate, value: rateCell(totals.onTimeRate),
      hint: `${fill(d.cardHints.onTimeRate, { onTime: totals.onTime, all: totals.onTime + totals.breached })}\n${d.definitions.onTime}` },
    { key: 'overdueNow', title: d.cards.overdueNow, value: String(totals.overdueNow), hint: d.cardHints.overdueNow, warn: totals.overdueNow > 0 },
    { key: 'satisfactionRate', title: d.cards.satisfactionRate, value: rateCell(totals.satisfactionRate),
      hint: fill(d.cardHints.satisfactionRate, { total: totals.total }) },
  ];

  const fu = data?.followUp.totals;
  const fd = d.followUp;
  const followUpCards = fu && [
    { key: 'coverageRate', title: fd.coverageRate, value: rateCell(fu.coverageRate),
      hint: fill(fd.coverageHint, { followedUp: fu.followedUp, eligible: fu.closed - fu.noChannel - fu.superseded, inTime: fu.followedUpInTime, noChannel: fu.noChannel }) },
    { key: 'answerRate', title: fd.answerRate, value: rateCell(fu.answerRate),
      hint: fill(fd.answerHint, { answered: fu.answered, followedUp: fu.followedUp, unreachable: fu.unreachable, declined: fu.declined }) },
    { key: 'firstTimeRate', title: fd.firstTimeRate, value: rateCell(fu.firstTimeRate), hint: fill(fd.firstTimeHint, { firstTime: fu.firstTime, firstClosed: fu.firstClosed }) },
    { key: 'rectificationsOpen', title: fd.rectificationsOpen, value: String(fu.rectificationsOpen), hint: fill(fd.rectHint, { overdue: fu.rectificationsOverdue }) },
    { key: 'rectificationsOverdue', title: fd.rectificationsOverdue, value: String(fu.rectificationsOverdue), hint: fill(fd.rectHint, { overdue: fu.rectificationsOverdue }),
      warn: fu.rectificationsOverdue > 0 },
  ];
  const statCards = (list: { key: string; title: string; value: string; hint: string; warn?: boolean }[]) => (
    // As many columns of at least 180 px as fit: five on a desktop, one above the other on a phone.
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: 12 }}>
      {list.map((card) => (
        <div key={card.key}>
          <Card size="small" data-testid={`stat-${card.key}`}>
            <Statistic
              title={<Space size={4}>{card.title}<Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{card.hint}</span>}>
                <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} /></Tooltip></Space>}
              value={card.value}
              styles={card.warn ? { content: { color: '#cf1322' } } : undefined}
            />
          </Card>
        </div>
      ))}
    </div>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>{d.title}</Typography.Title>
        <Flex wrap gap={8} align="center">
          <DatePicker.RangePicker
            aria-label={d.range}
            value={range}
            allowClear={false}
            presets={presets}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            onChange={(value) => { if (value?.[0] && value[1]) setRange([value[0], value[1]]); }}
            style={{ maxWidth: '100%' }}
            data-testid="range"
          />
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={d.refresh} />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="export">
            {exporting ? d.exporting : d.export}
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        {d.scopeHint}
        {data && <> {fill(d.generatedAt, { time: dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm') })}</>}
      </Typography.Text>

      {error && (
        <Alert type="error" showIcon title={error.message} data-testid="dashboard-error"
          action={<Button size="small" onClick={reload}>{d.retry}</Button>} />
      )}
      <Spin spinning={loading}>
        {error ? null : !data ? (
          <Card loading style={{ minHeight: 240 }} />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {statCards(cards!)}
            <ChartCard
              id="volume" title={d.charts.volume} definition={d.definitions.volume} option={charts!.volume} height={300}
              rows={data.daily} rowKey="date" empty={totals!.received + totals!.closed === 0}
              columns={[
                { title: d.cols.date, dataIndex: 'date', key: 'date' },
                { title: d.cols.received, dataIndex: 'received', key: 'received', ...num },
                { title: d.cols.closed, dataIndex: 'closed', key: 'closed', ...num },
              ]}
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <ChartCard<OnTimeByUnit>
                  id="onTime" title={d.charts.onTime} definition={d.definitions.onTime} option={charts!.onTime}
                  height={barHeight(data.onTimeByUnit.length)} rows={data.onTimeByUnit} rowKey="unitId" empty={data.onTimeByUnit.length === 0}
                  columns={[
                    unitCol,
                    { title: d.cols.onTime, dataIndex: 'onTime', key: 'onTime', ...num },
                    { title: d.cols.breached, dataIndex: 'breached', key: 'breached', ...num },
                    { title: d.cols.onTimeRate, dataIndex: 'onTimeRate', key: 'rate', ...num, render: rateCell },
                  ]}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard<OverdueByUnit>
                  id="overdue" title={d.charts.overdue} definition={d.definitions.overdue} option={charts!.overdue}
                  height={barHeight(data.overdueByUnit.length)} rows={data.overdueByUnit} rowKey="unitId" empty={data.overdueByUnit.length === 0}
                  columns={[
                    unitCol,
                    { title: d.cols.overdueNow, dataIndex: 'overdueNow', key: 'overdueNow', ...num },
                    { title: d.cols.deadlineBreaches, dataIndex: 'deadlineBreaches', key: 'deadlineBreaches', ...num },
                    { title: d.cols.supervisionBreaches, dataIndex: 'supervisionBreaches', key: 'supervisionBreaches', ...num },
                  ]}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard<SatisfactionByUnit>
                  id="satisfactionByUnit" title={d.charts.satisfactionByUnit} definition={d.definitions.satisfaction} option={charts!.byUnit}
                  height={barHeight(data.satisfactionByUnit.length)} rows={data.satisfactionByUnit} rowKey="unitId"
                  empty={data.satisfactionByUnit.length === 0}
                  columns={[unitCol, ...ratingCols] as ColumnsType<SatisfactionByUnit>}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard<SatisfactionByKind>
                  id="satisfactionByKind" title={d.charts.satisfactionByKind} definition={d.definitions.satisfaction} option={charts!.byKind}
                  height={barHeight(data.satisfactionByKind.length)} rows={data.satisfactionByKind} rowKey="kind"
                  empty={data.satisfactionByKind.length === 0}
                  columns={[
                    { title: d.cols.kind, key: 'kind', fixed: 'left' as const, render: (_: unknown, row: SatisfactionByKind) => kindName(row) },
                    ...ratingCols,
                  ] as ColumnsType<SatisfactionByKind>}
                />
              </Col>
            </Row>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="follow-up-section">{fd.title}</Typography.Title>
            {statCards(followUpCards!)}
            {fu!.appealedAway > 0 && <Typography.Text type="secondary">{fill(fd.appealedAway, { n: fu!.appealedAway })}</Typography.Text>}
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <ChartCard<FollowUpByUnit>
                  id="followUpByUnit" title={fd.title} definition={d.definitions.followUp} option={charts!.followUp}
                  height={barHeight(data.followUp.byUnit.length * 2)} rows={data.followUp.byUnit} rowKey="unitId"
                  empty={data.followUp.byUnit.length === 0}
                  columns={[
                    unitCol,
                    { title: fd.cols.closed, dataIndex: 'closed', key: 'closed', ...num },
                    { title: fd.cols.noChannel, dataIndex: 'noChannel', key: 'noChannel', ...num },
                    { title: fd.cols.followedUp, dataIndex: 'followedUp', key: 'followedUp', ...num },
                    { title: fd.cols.inTime, dataIndex: 'followedUpInTime', key: 'inTime', ...num },
                    { title: fd.cols.answered, dataIndex: 'answered', key: 'answered', ...num },
                    { title: fd.cols.unreachable, dataIndex: 'unreachable', key: 'unreachable', ...num },
                    { title: fd.coverageRate, dataIndex: 'coverageRate', key: 'coverageRate', ...num, render: rateCell },
                    { title: fd.answerRate, dataIndex: 'answerRate', key: 'answerRate', ...num, render: rateCell },
                    { title: fd.firstTimeRate, dataIndex: 'firstTimeRate', key: 'firstTimeRate', ...num, render: rateCell },
                    { title: fd.rectificationsOpen, dataIndex: 'rectificationsOpen', key: 'rectOpen', ...num },
                    { title: fd.rectificationsOverdue, dataIndex: 'rectificationsOverdue', key: 'rectOverdue', ...num },
                  ] as ColumnsType<FollowUpByUnit>}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard<SatisfactionByOfficer>
                  id="satisfactionByOfficer" title={fd.byOfficer} definition={d.definitions.satisfaction} option={charts!.byOfficer}
                  height={barHeight(data.satisfactionByOfficer.length)} rows={data.satisfactionByOfficer} rowKey="officerId"
                  empty={data.satisfactionByOfficer.length === 0}
                  columns={[
                    { title: fd.officer, dataIndex: 'officerName', key: 'officer', fixed: 'left' as const },
                    { title: d.cols.unit, dataIndex: 'unitName', key: 'unit' },
                    ...ratingCols,
                  ] as ColumnsType<SatisfactionByOfficer>}
                />
              </Col>
            </Row>
          </Space>
        )}
      </Spin>
    </Space>
  );
}
