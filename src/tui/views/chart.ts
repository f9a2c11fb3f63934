// Throughput chart (blessed-contrib). Terminals that draw Unicode get a line chart of the total
// MB/s over time (braille dots); the Linux console and serial terminals, whose fonts have no
// braille, get a bar chart of each disk's MB/s drawn with coloured spaces.
import type { Widgets } from 'blessed';
import type { ViewState } from '../state';
import type { Theme } from '../theme';

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

type Chart = Widgets.BoxElement & { setData(d: unknown): void; options: { maxY?: number } };

export class ThroughputChart {
  private widget: Chart | null = null;
  private rect: Rect | null = null;

  constructor(
    private readonly screen: Widgets.Screen,
    private readonly theme: Theme,
  ) {}

  /** Show the chart in `rect` (or hide it with null) and draw the state's numbers. */
  update(rect: Rect | null, s: ViewState): void {
    if (!rect || rect.height < 5 || !s.run) {
      this.destroy();
      return;
    }
    if (!this.widget || !this.rect || JSON.stringify(rect) !== JSON.stringify(this.rect)) {
      this.destroy();
      this.widget = this.create(rect);
      this.rect = rect;
    }
    this.draw(s);
  }

  destroy(): void {
    if (this.widget) this.widget.destroy();
    this.widget = null;
    this.rect = null;
  }

  private create(rect: Rect): Chart {
    const common = { ...rect, border: { type: 'line' as const }, style: { border: { fg: 'cyan' } }, tags: false };
    let w: Chart;
    if (this.theme.unicode) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const line = require('blessed-contrib/lib/widget/charts/line') as typeof import('blessed-contrib/lib/widget/charts/line');
      w = line({ ...common, label: ' Total MB/s ', showLegend: false, wholeNumbersOnly: true, xLabelPadding: 3, xPadding: 5, numYLabels: 3, style: { ...common.style, line: 'green', text: 'white', baseline: 'white' } }) as unknown as Chart;
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bar = require('blessed-contrib/lib/widget/charts/bar') as typeof import('blessed-contrib/lib/widget/charts/bar');
      w = bar({ ...common, label: ' MB/s per disk ', barWidth: 6, barSpacing: 9, xOffset: 1, maxHeight: 1, barBgColor: 'green', barFgColor: 'white', labelColor: 'white' }) as unknown as Chart;
    }
    this.screen.append(w);
    return w;
  }

  private draw(s: ViewState): void {
    const r = s.run;
    const w = this.widget;
    if (!r || !w) return;
    if (this.theme.unicode) {
      const points = Math.max(2, Math.min(r.history.length, (this.rect?.width ?? 40) * 2 - 16));
      const y = r.history.slice(-points);
      while (y.length < 2) y.unshift(0);
      w.options.maxY = Math.max(1, Math.ceil(Math.max(...y) * 1.2));
      w.setData([{ title: 'MB/s', x: y.map((_, i) => String(i - y.length + 1) + 's'), y, style: { line: 'green' } }]);
    } else {
      const fit = Math.max(1, Math.floor(((this.rect?.width ?? 20) - 3) / 9));
      const keys = r.order.slice(0, fit);
      w.setData({ titles: keys.map((k) => k.replace(/^\/dev\//, '').slice(0, 7)), data: keys.map((k) => Math.round(r.disks[k].rate / 1e6)) });
    }
  }
}
