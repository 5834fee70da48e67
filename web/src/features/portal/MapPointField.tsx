import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Form, Space, Typography, type FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { JurisdictionMap, type MapPoint } from '../../components/JurisdictionMap';
import { fill, useI18n } from '../../app/i18n';
import type { Jurisdiction } from './portal-api';

/**
 * "在地图上标注位置" on the submission form: the point goes into the submission's location, and when
 * the citizen chose no station area, the area the point falls in is chosen for them (the server
 * routes by the point as well, so a form without this still reaches the right station).
 */
export function MapPointField(props: {
  /** The submission form; only its jurisdictionCode is read and set here. */
  form: FormInstance; jurisdictions: Jurisdiction[]; value?: MapPoint; onChange: (point?: MapPoint) => void;
}) {
  const { t } = useI18n();
  const m = t.rating.map;
  const [open, setOpen] = useState(false);
  const selected = Form.useWatch('jurisdictionCode', props.form) as string | undefined;
  // The area the map chose last; a choice the citizen made in the select is never overridden.
  const chosenByMap = useRef<string | undefined>(undefined);
  if (!props.jurisdictions.some((j) => j.kind === 'station' && Array.isArray(j.boundary))) return null;

  const nameOf = (code: string | null) => props.jurisdictions.find((j) => j.code === code)?.name;
  const pick = (point: MapPoint) => {
    props.onChange(point);
    const current = props.form.getFieldValue('jurisdictionCode') as string | undefined;
    if (!current || current === chosenByMap.current) {
      const next = point.jurisdictionCode ?? undefined;
      props.form.setFieldValue('jurisdictionCode', next);
      chosenByMap.current = next;
    }
  };
  const clear = () => {
    props.onChange(undefined);
    if (chosenByMap.current && props.form.getFieldValue('jurisdictionCode') === chosenByMap.current) {
      props.form.setFieldValue('jurisdictionCode', undefined);
    }
    chosenByMap.current = undefined;
  };
  const status = props.value
    ? `${fill(m.pinned, { lng: props.value.lng.toFixed(5), lat: props.value.lat.toFixed(5) })}；${
      props.value.jurisdictionCode ? fill(m.inArea, { name: nameOf(props.value.jurisdictionCode) ?? '' }) : m.outside}`
    : undefined;

  return (
    <Form.Item label={m.section} extra={open ? m.hint : undefined}>
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Button icon={<EnvironmentOutlined />} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="map-toggle">
          {open ? m.hide : m.show}
        </Button>
        {open && (
          <JurisdictionMap
            jurisdictions={props.jurisdictions} value={props.value} selectedCode={selected ?? props.value?.jurisdictionCode}
            onPick={pick} label={m.label} describe={status}
          />
        )}
        {status && (
          <Space wrap size="small">
            <Typography.Text type={props.value?.jurisdictionCode ? undefined : 'warning'} data-testid="map-status" aria-live="polite">{status}</Typography.Text>
            <Button size="small" type="link" onClick={clear}>{m.clear}</Button>
          </Space>
        )}
      </Space>
    </Form.Item>
  );
}
