import type { LabelLayout } from '@/api/types';

/** "A4 3×8 (70×37 mm)" from a layout like {name: "a4-3x8", cols: 3, rows: 8, labelWidthMm: 70, …}. */
export function layoutText(layout: LabelLayout): string {
  const paper = /^([a-z]\d+)/i.exec(layout.name)?.[1]?.toUpperCase() ?? String(layout.paper ?? '').toUpperCase();
  const mm = (n: number) => String(Math.round(n * 10) / 10);
  const grid = `${layout.cols}×${layout.rows}`;
  return `${paper ? `${paper} ` : ''}${grid} (${mm(layout.labelWidthMm)}×${mm(layout.labelHeightMm)} mm)`;
}

/** A PDF in a new tab (the session cookie goes along; the browser shows or saves it). */
export function openPrintout(url: string): void {
  window.open(url, '_blank', 'noopener');
}
