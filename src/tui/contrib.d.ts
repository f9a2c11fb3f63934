// The two blessed-contrib charts the run view uses (the package ships no types). Each is loaded
// from its own file so the rest of blessed-contrib (map data, markdown) is not loaded.
declare module 'blessed-contrib/lib/widget/charts/line' {
  import type { Widgets } from 'blessed';
  interface LineSeries {
    title: string;
    x: string[];
    y: number[];
    style?: { line?: string };
  }
  interface LineElement extends Widgets.BoxElement {
    options: { maxY?: number };
    setData(series: LineSeries[]): void;
  }
  function line(options: Widgets.BoxOptions & Record<string, unknown>): LineElement;
  export = line;
}

declare module 'blessed-contrib/lib/widget/charts/bar' {
  import type { Widgets } from 'blessed';
  interface BarElement extends Widgets.BoxElement {
    setData(data: { titles: string[]; data: number[] }): void;
  }
  function bar(options: Widgets.BoxOptions & Record<string, unknown>): BarElement;
  export = bar;
}
