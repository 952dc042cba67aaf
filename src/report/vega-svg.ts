/**
 * Vega-Lite spec -> Vega -> SVG markup, in Node, without a browser or canvas.
 *
 * The SVG is made fit for inlining several figures into one HTML page:
 *  - every id (clip paths, gradients) and every reference to it gets a
 *    per-figure prefix, since Vega numbers them from 1 in each process and two
 *    inlined figures must not share an id;
 *  - the xlink namespace declaration is dropped when nothing uses it, so the
 *    only URL left in the markup is the SVG namespace itself.
 * Vega escapes text content itself, so labels need no escaping here.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { installTextMeasure } from './text-width.js';

export interface VegaSvgOptions {
  /**
   * Prefix for the ids inside this SVG, unique within the page, made of
   * letters, digits, '-' and '_'. Default 'fig'.
   */
  readonly idPrefix?: string;
}

/** Render a Vega-Lite spec to standalone SVG markup. */
export async function renderVegaLiteSvg(
  spec: TopLevelSpec,
  options: VegaSvgOptions = {},
): Promise<string> {
  const idPrefix = options.idPrefix ?? 'fig';
  if (!/^[A-Za-z][\w-]*$/.test(idPrefix)) {
    throw new RangeError(
      `renderVegaLiteSvg: idPrefix "${idPrefix}" is not a valid id start; ` +
        'use letters, digits, "-" and "_", beginning with a letter',
    );
  }

  // 1. Compile and render headless; inline data only, so no loader is used.
  installTextMeasure();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return prepareForInlining(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

function prepareForInlining(svg: string, idPrefix: string): string {
  // 2. Prefix ids and their references: id="x", url(#x), href="#x".
  let out = svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${idPrefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${idPrefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${idPrefix}-${id}"`);

  // 3. Drop the unused xlink namespace.
  if (!/\bxlink:/.test(out.replace(/xmlns:xlink="[^"]*"/, ''))) {
    out = out.replace(/\s+xmlns:xlink="[^"]*"/, '');
  }
  return out;
}
