import { theme } from 'antd';
import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { isPolygon, jurisdictionAt, type Polygon } from '../../../common/geo';

export type MapJurisdiction = { code: string; name: string; kind: string; boundary: unknown };
export type MapPoint = { lng: number; lat: number; jurisdictionCode: string | null };

/** The drawing's own units: the width is fixed, the height follows the county's shape; CSS scales it to the box. */
const WIDTH = 1000;
const PAD = 24;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** 城关派出所辖区 → 城关派出所: the label names the station. */
const stationName = (name: string) => name.replace(/辖区$/, '');

/**
 * 辖区图: the county's station areas drawn as SVG, with no map tiles (nothing outside the bureau's
 * network is reachable). Equirectangular projection with longitudes scaled by cos(latitude) at the
 * county's middle, so the areas keep their shape; fitted to the width of its box, so it works on a
 * 375-px phone as on a desk. A click drops a pin and reports the point and the station area it falls
 * in (null outside every area). For keyboards and screen readers the form's area select is the
 * alternative; the drawing itself is one labelled image.
 */
export function JurisdictionMap(props: {
  jurisdictions: MapJurisdiction[]; value?: { lng: number; lat: number } | null; selectedCode?: string | null;
  onPick: (point: MapPoint) => void; label: string; describe?: string;
}) {
  const { token } = theme.useToken();
  const svg = useRef<SVGSVGElement>(null);
  const [hovered, setHovered] = useState<string>();

  const areas = useMemo(
    () => props.jurisdictions.filter((j): j is MapJurisdiction & { boundary: Polygon } => j.kind === 'station' && isPolygon(j.boundary)),
    [props.jurisdictions]);
  const county = props.jurisdictions.find((j) => j.kind === 'county' && isPolygon(j.boundary)) as (MapJurisdiction & { boundary: Polygon }) | undefined;

  const projection = useMemo(() => {
    const points = [...areas, ...(county ? [county] : [])].flatMap((a) => a.boundary);
    if (points.length === 0) return undefined;
    const lngs = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
    const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale = (WIDTH - 2 * PAD) / Math.max((maxLng - minLng) * kx, 1e-9);
    const height = Math.round((maxLat - minLat) * scale + 2 * PAD);
    return {
      height,
      toXY: ([lng, lat]: readonly [number, number]): [number, number] => [PAD + (lng - minLng) * kx * scale, PAD + (maxLat - lat) * scale],
      toLngLat: (x: number, y: number): [number, number] => [minLng + (x - PAD) / (kx * scale), maxLat - (y - PAD) / scale],
    };
  }, [areas, county]);

  if (!projection || areas.length === 0) return null;
  const path = (ring: Polygon) => `M${ring.map((p) => projection.toXY(p).map((v) => v.toFixed(1)).join(',')).join('L')}Z`;
  const labelAt = (ring: Polygon): [number, number] => {
    const open = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
    const sum = open.reduce(([x, y], p) => { const [px, py] = projection.toXY(p); return [x + px, y + py]; }, [0, 0]);
    return [sum[0] / open.length, sum[1] / open.length];
  };

  const pick = (event: MouseEvent<SVGSVGElement>) => {
    const element = svg.current;
    const matrix = element?.getScreenCTM();
    if (!element || !matrix) return;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const [lng, lat] = projection.toLngLat(point.x, point.y).map(round6) as [number, number];
    props.onPick({ lng, lat, jurisdictionCode: jurisdictionAt(areas, [lng, lat])?.code ?? null });
  };

  const pin = props.value ? projection.toXY([props.value.lng, props.value.lat]) : undefined;
  const fontSize = 34;
  return (
    <svg
      ref={svg} role="img" aria-label={props.describe ? `${props.label}：${props.describe}` : props.label}
      viewBox={`0 0 ${WIDTH} ${projection.height}`} width="100%" data-testid="jurisdiction-map"
      style={{ display: 'block', maxWidth: 720, height: 'auto', cursor: 'crosshair', touchAction: 'manipulation', userSelect: 'none',
        background: token.colorFillQuaternary, borderRadius: token.borderRadius }}
      onClick={pick} onMouseLeave={() => setHovered(undefined)}
    >
      <title>{props.label}</title>
      {county && <path d={path(county.boundary)} fill="none" stroke={token.colorTextSecondary} strokeWidth={4} />}
      {areas.map((area) => {
        const selected = area.code === props.selectedCode;
        const hot = area.code === hovered;
        return (
          <path
            key={area.code} d={path(area.boundary)} data-code={area.code} data-selected={selected || undefined}
            fill={selected ? token.colorPrimaryBgHover : hot ? token.colorPrimaryBg : token.colorBgContainer}
            stroke={selected ? token.colorPrimary : token.colorBorder} strokeWidth={selected ? 4 : 2}
            onMouseEnter={() => setHovered(area.code)}
          >
            <title>{area.name}</title>
          </path>
        );
      })}
      {areas.map((area) => {
        const [x, y] = labelAt(area.boundary);
        return (
          <text
            key={area.code} x={x} y={y} textAnchor="middle" dominantBaseline="middle" fontSize={fontSize} pointerEvents="none"
            fill={area.code === props.selectedCode ? token.colorPrimaryText : token.colorText} fontWeight={area.code === props.selectedCode ? 600 : 400}
          >
            {stationName(area.name)}
          </text>
        );
      })}
      {pin && (
        <g pointerEvents="none" data-testid="map-pin">
          <circle cx={pin[0]} cy={pin[1]} r={14} fill={token.colorError} stroke="#fff" strokeWidth={4} />
          <circle cx={pin[0]} cy={pin[1]} r={30} fill="none" stroke={token.colorError} strokeWidth={3} opacity={0.5} />
        </g>
      )}
    </svg>
  );
}
