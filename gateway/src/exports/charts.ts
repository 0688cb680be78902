import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** One bar of a chart: its category label and its value. */
export interface Bar {
  label: string;
  value: number;
}

interface SvgElement {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelectorAll(selector: string): Iterable<SvgElement>;
  outerHTML: string;
}

/**
 * A bar chart as inline SVG, drawn on the server by Observable Plot into linkedom's DOM (no browser, no script on the
 * page). The SVG is an image with a text alternative; the page puts the table it summarises next to it.
 */
export function barChart(bars: Bar[], options: { alt: string; locale: string }): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const format = new Intl.NumberFormat(options.locale);
  const svg = Plot.plot({
    document,
    width: 640,
    height: 280,
    marginLeft: 60,
    style: { fontSize: '12px', fontFamily: 'inherit', background: 'transparent', color: 'currentColor' },
    x: { label: null, domain: bars.map((bar) => bar.label) },
    y: { label: null, grid: true, tickFormat: (value: number) => format.format(value) },
    marks: [
      Plot.barY(bars, { x: 'label', y: 'value', fill: '#1f4e79' }),
      Plot.text(bars, { x: 'label', y: 'value', text: (bar: Bar) => format.format(bar.value), dy: -8 }),
      Plot.ruleY([0]),
    ],
  }) as unknown as SvgElement;
  // Plot labels its inner groups for screen readers; inside role=img they are presentational, and a <g> may not
  // carry aria-label, so the one text alternative is the image's own.
  for (const element of svg.querySelectorAll('[aria-label], [aria-description]')) {
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-description');
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.alt);
  svg.setAttribute('focusable', 'false');
  return svg.outerHTML;
}
