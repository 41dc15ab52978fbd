import { css, html, LitElement, unsafeCSS, type PropertyValues } from 'lit';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import { base, chartTheme, type ChartTheme } from './tokens.ts';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/** Axis defaults for the instrument look: small labels, light grid (coloured by the theme when the chart is built). */
export function axis(overrides: uPlot.Axis = {}): uPlot.Axis {
  return {
    font: '12px system-ui, sans-serif',
    labelFont: '12px system-ui, sans-serif',
    labelSize: 18,
    ...overrides,
  };
}

/** A dashed horizontal line at `value` on the y scale, in the theme's "bad" colour (a latency target). */
export function targetLineHook(value: number): (u: uPlot) => void {
  return (u) => {
    const y = u.valToPos(value, 'y', true);
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = chartTheme(u.root).bad;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
  };
}

/** Axes in the theme's colours: labels muted, grid and ticks light (dark mode included). */
function themedAxes(axes: readonly uPlot.Axis[] | undefined, theme: ChartTheme): uPlot.Axis[] | undefined {
  return axes?.map((a) => ({
    stroke: theme.muted,
    ...a,
    grid: { stroke: theme.grid, width: 1, ...a.grid },
    ticks: { stroke: theme.border, width: 1, size: 4, ...a.ticks },
  }));
}

/**
 * A uPlot chart that fills its width. Give it `options` (everything but the
 * size) and `data`; new options rebuild the plot, new data only redraws it.
 * uPlot writes labels with textContent, so series names from a link stay text.
 */
export class FbChart extends LitElement {
  static override properties = {
    options: { attribute: false },
    data: { attribute: false },
    height: { type: Number },
    label: {},
  };
  static override styles = [
    base,
    unsafeCSS(uPlotCss),
    css`
      :host { display: block; min-width: 0; }
      .plot { width: 100%; }
      .u-legend { font-size: var(--fb-size-small); text-align: left; padding: 2px 0 0 40px; }
      .u-legend .u-marker { width: 10px; height: 10px; }
      .u-legend th { background: none; color: inherit; font-weight: 400; }
      .u-legend th, .u-legend td { border: 0; padding: 0 4px; }
      .u-title { font-size: 13px; font-weight: 600; color: var(--fb-text); }
      .u-legend, .u-legend th { color: var(--fb-text); }
    `,
  ];

  declare options: ChartOptions | undefined;
  declare data: uPlot.AlignedData | undefined;
  declare height: number;
  declare label: string;
  private plot: uPlot | undefined;
  private resizer: ResizeObserver | undefined;
  private readonly scheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly onScheme = (): void => this.rebuild();

  constructor() {
    super();
    this.height = 200;
    this.label = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer = new ResizeObserver(() => this.fit());
    this.resizer.observe(this);
    this.scheme.addEventListener('change', this.onScheme);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.scheme.removeEventListener('change', this.onScheme);
    this.plot?.destroy();
    this.plot = undefined;
  }

  protected override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('options') || changed.has('height') || !this.plot) this.rebuild();
    else if (changed.has('data') && this.data) this.plot.setData(this.data);
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.plot = undefined;
    const target = this.renderRoot.querySelector('.plot');
    if (!(target instanceof HTMLElement) || !this.options || !this.data) return;
    const theme = chartTheme(this);
    const axes = themedAxes(this.options.axes, theme);
    this.plot = new uPlot({ ...this.options, ...(axes ? { axes } : {}), width: this.widthPx(), height: this.height }, this.data, target);
  }

  private fit(): void {
    const width = this.widthPx();
    if (this.plot && width > 0 && Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: this.height });
  }

  private widthPx(): number {
    return Math.max(200, Math.floor(this.getBoundingClientRect().width));
  }
}

customElements.define('fb-chart', FbChart);

declare global {
  interface HTMLElementTagNameMap {
    'fb-chart': FbChart;
  }
}
