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
 *
 * Vega and Vega-Lite log to the console by default; here an error is thrown
 * instead and warnings come back with the SVG, so the caller decides how to
 * show them.
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

export interface VegaSvgResult {
  readonly svg: string;
  /** Warnings Vega-Lite or Vega raised while compiling and rendering. */
  readonly warnings: readonly string[];
}

/** Thrown when Vega-Lite or Vega reports an error for a figure. */
export class FigureRenderError extends Error {
  override readonly name = 'FigureRenderError';
}

/** A Vega logger that throws on error and collects warnings. */
function collectingLogger(warnings: string[]): vega.LoggerInterface {
  let level: number = vega.Warn;
  const text = (args: unknown[]): string => args.map((a) => String(a)).join(' ');
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) {
      throw new FigureRenderError(`figure rendering failed: ${text(args)}`);
    },
    warn(...args: unknown[]) {
      warnings.push(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/** Render a Vega-Lite spec to standalone SVG markup. */
export async function renderVegaLiteSvg(
  spec: TopLevelSpec,
  options: VegaSvgOptions = {},
): Promise<VegaSvgResult> {
  const idPrefix = options.idPrefix ?? 'fig';
  if (!/^[A-Za-z][\w-]*$/.test(idPrefix)) {
    throw new RangeError(
      `renderVegaLiteSvg: idPrefix "${idPrefix}" is not a valid id start; ` +
        'use letters, digits, "-" and "_", beginning with a letter',
    );
  }

  // 1. Compile and render headless; inline data only, so no loader is used.
  installTextMeasure();
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const runtime = vega.parse(compile(spec, { logger }).spec);
  const view = new vega.View(runtime, { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    return { svg: prepareForInlining(svg, idPrefix), warnings };
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
