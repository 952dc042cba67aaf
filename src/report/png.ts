/**
 * SVG -> PNG with resvg (a Rust SVG renderer, no browser), using the DejaVu
 * fonts so that text renders the same on every machine. resvg does not read
 * system fonts here: the font files are passed explicitly.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Where Debian and Ubuntu install the DejaVu fonts (package fonts-dejavu-core). */
export const DEJAVU_FONT_FILES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf',
];

export interface SvgToPngOptions {
  /** Pixel density relative to the SVG's own size; 2 suits print. Default 2. */
  readonly scale?: number;
  /** TrueType/OpenType files to render text with. Default DEJAVU_FONT_FILES. */
  readonly fontFiles?: readonly string[];
  /** Family used when the SVG names none that is loaded. Default 'DejaVu Sans'. */
  readonly defaultFontFamily?: string;
}

export function svgToPng(svg: string, options: SvgToPngOptions = {}): Buffer {
  // 1. Validate the settings and find the fonts.
  const scale = options.scale ?? 2;
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new RangeError(`svgToPng: scale is ${scale}, expected a positive number such as 2`);
  }
  const fontFiles = options.fontFiles ?? DEJAVU_FONT_FILES;
  const missing = fontFiles.filter((f) => !existsSync(f));
  if (missing.length > 0 || fontFiles.length === 0) {
    throw new Error(
      `svgToPng: font files not found: ${missing.join(', ') || '(none given)'}; ` +
        'install the DejaVu fonts (apt-get install fonts-dejavu-core) or pass fontFiles',
    );
  }

  // 2. Render.
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      fontFiles: [...fontFiles],
      loadSystemFonts: false,
      defaultFontFamily: options.defaultFontFamily ?? 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
