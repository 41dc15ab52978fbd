import type uPlot from 'uplot';
import type { ChangePoint, Trend } from '../core/store/api.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import { chartTheme, variantColor } from './tokens.ts';
import { formatTrendValue } from './trend-format.ts';

/** Where a change point sits on the x axis: halfway between its last run before and first after (null when either is not on the trend). */
export function changeX(trend: Trend, change: ChangePoint): number | null {
  const before = trend.points.findIndex((p) => p.runId === change.before.runId);
  const after = trend.points.findIndex((p) => p.runId === change.after.runId);
  return before < 0 || after < 0 ? null : (before + after) / 2;
}

/** The y range: every estimate and interval end, with a little room. */
function yRange(trend: Trend): [number, number] {
  const values = trend.points.flatMap((p) => [p.estimate, p.low, p.high].filter((v): v is number => v !== null && Number.isFinite(v)));
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.02, 1e-9);
  return [Math.max(0, lo - pad), hi + pad];
}

/** Draws each point's interval as a vertical whisker with caps. */
function drawIntervals(trend: Trend, color: string): (u: uPlot) => void {
  return (u) => {
    const ctx = u.ctx;
    const cap = 4 * devicePixelRatio;
    ctx.save();
    // An interval reaching past the y range (below 0) ends at the plot's edge.
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    trend.points.forEach((point, i) => {
      if (point.low === null || point.high === null) return;
      const x = u.valToPos(i, 'x', true);
      const top = u.valToPos(point.high, 'y', true);
      const bottom = u.valToPos(point.low, 'y', true);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.moveTo(x - cap, top);
      ctx.lineTo(x + cap, top);
      ctx.moveTo(x - cap, bottom);
      ctx.lineTo(x + cap, bottom);
      ctx.stroke();
    });
    ctx.restore();
  };
}

/** Marks each change point: a dashed vertical line between its two runs, labelled with its size. */
function drawChangePoints(trend: Trend): (u: uPlot) => void {
  return (u) => {
    const ctx = u.ctx;
    const style = getComputedStyle(u.root);
    const ratio = devicePixelRatio;
    ctx.save();
    ctx.font = `${12 * ratio}px system-ui, sans-serif`;
    for (const change of trend.changePoints) {
      const at = changeX(trend, change);
      if (at === null) continue;
      const color = change.direction === 'regression' ? chartTheme(u.root).bad : style.getPropertyValue('--fb-good').trim() || '#137333';
      const x = u.valToPos(at, 'x', true);
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 1.5 * ratio;
      ctx.setLineDash([5 * ratio, 4 * ratio]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      const text = `${change.relative >= 0 ? '+' : '−'}${Math.abs(change.relative * 100).toFixed(1)}%`;
      const width = ctx.measureText(text).width;
      const left = x + 4 * ratio + width > u.bbox.left + u.bbox.width ? x - 4 * ratio - width : x + 4 * ratio;
      ctx.fillText(text, left, u.bbox.top + 14 * ratio);
    }
    ctx.restore();
  };
}

/**
 * uPlot options of a trend: one point per run along the commits (x is the run's place on the
 * branch, labelled with its commit), each with its interval, change points marked. `hover` hears
 * the point under the cursor (null when none), `open` a click on one.
 */
export function trendOptions(trend: Trend, label: string, on: { hover: (index: number | null) => void; open: (index: number) => void }): ChartOptions {
  const color = variantColor(0);
  const commits = trend.points.map((p) => p.commit.slice(0, 7));
  const last = Math.max(0, trend.points.length - 1);
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, y: false, points: { size: 11 } },
    scales: { x: { time: false, range: () => [-0.5, last + 0.5] }, y: { range: () => yRange(trend) } },
    axes: [
      axis({ label: `commits on ${trend.branch}, oldest first`, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? (commits[v] ?? '') : '')), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] }),
      axis({ label: `${label} (${trend.unit}, ${trend.better} is better)`, size: 64, values: (_u, splits) => splits.map((v) => formatTrendValue(v, trend.unit)) }),
    ],
    series: [{}, { label, stroke: color, width: 1.5, points: { show: true, size: 7, fill: color } }],
    hooks: {
      draw: [drawIntervals(trend, color), drawChangePoints(trend)],
      setCursor: [(u) => on.hover(u.cursor.idx ?? null)],
      ready: [
        (u) =>
          u.over.addEventListener('click', () => {
            const index = u.cursor.idx;
            if (index !== null && index !== undefined) on.open(index);
          }),
      ],
    },
  };
}

/** uPlot data of a trend: x is the point's place, y its estimate. */
export const trendData = (trend: Trend): uPlot.AlignedData => [trend.points.map((_, i) => i), trend.points.map((p) => p.estimate)];
