/**
 * Raster figures of the report (e.g. CAM heatmaps over the CT slice), embedded
 * as PNG data so the page stays one self-contained file.
 */
import { escapeHtml } from './escape-html.js';

export interface ReportImage {
  readonly title: string;
  /** PNG bytes, base64-encoded. */
  readonly pngBase64: string;
  readonly caption?: string;
}

export interface ReportImageSection {
  readonly id: string;
  readonly title: string;
  readonly images: readonly ReportImage[];
  readonly note?: string;
}

export function renderReportImages(sections: readonly ReportImageSection[]): string {
  return sections
    .filter((s) => s.images.length > 0)
    .map((s) => {
      const figures = s.images
        .map(
          (image) =>
            '<figure>' +
            `<img alt="${escapeHtml(image.title)}" style="max-width: 520px; image-rendering: pixelated" ` +
            `src="data:image/png;base64,${image.pngBase64.replace(/[^A-Za-z0-9+/=]/g, '')}">` +
            `<figcaption><strong>${escapeHtml(image.title)}</strong>` +
            `${image.caption ? ` ${escapeHtml(image.caption)}` : ''}</figcaption></figure>`,
        )
        .join('\n');
      const note = s.note ? `<p class="caption">${escapeHtml(s.note)}</p>` : '';
      return `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n<div class="figures">\n${figures}\n</div>\n${note}\n</section>`;
    })
    .join('\n');
}

/** Vector figures rendered beforehand (e.g. by `renderLineFigureSvg`). */
export interface ReportSvgSection {
  readonly id: string;
  readonly title: string;
  /** SVG markup made by radfusion's own figure code (not escaped here). */
  readonly figures: readonly { readonly svg: string; readonly caption?: string }[];
  readonly note?: string;
}

export function renderReportSvgSections(sections: readonly ReportSvgSection[]): string {
  return sections
    .filter((s) => s.figures.length > 0)
    .map((s) => {
      const figures = s.figures
        .map(
          (f) =>
            `<figure>${f.svg}${f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>` : ''}</figure>`,
        )
        .join('\n');
      const note = s.note ? `<p class="caption">${escapeHtml(s.note)}</p>` : '';
      return `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n<div class="figures">\n${figures}\n</div>\n${note}\n</section>`;
    })
    .join('\n');
}
