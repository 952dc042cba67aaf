import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEJAVU_FONT_FILES, svgToPng } from './png.js';
import { renderRocFigureSvg, rocFigureSpec, rocLegendLabel } from './roc-figure.js';

const INPUT = {
  title: 'Test set (n = 4)',
  curves: [
    {
      model: 'Clinical',
      fpr: [0, 0, 0.5, 1],
      tpr: [0, 0.5, 1, 1],
      auc: 0.875,
      aucCi95: [0.6, 1] as const,
    },
    { model: 'A model with a rather long descriptive name', fpr: [0, 1], tpr: [0, 1], auc: 0.5 },
  ],
};

describe('rocFigureSpec', () => {
  it('is square, titles the axes and never truncates legend labels', () => {
    const spec = rocFigureSpec(INPUT);
    const text = JSON.stringify(spec);
    const size = JSON.parse(text) as { width: number; height: number };
    expect(size.width).toBe(340);
    expect(size.height).toBe(340);
    expect(text).toContain('"title":"1 - specificity"');
    expect(text).toContain('"title":"sensitivity"');
    expect(text).toContain('"labelLimit":0');
    expect(text).not.toContain('labelLimit":1'); // no finite label limit anywhere
  });

  it('labels each curve with its AUC and CI', () => {
    expect(
      rocLegendLabel({ model: 'M', fpr: [0], tpr: [0], auc: 0.8204, aucCi95: [0.7214, 0.9176] }),
    ).toBe('M, AUC 0.820 (0.721-0.918)');
    expect(rocLegendLabel({ model: 'M', fpr: [0], tpr: [0] })).toBe('M');
  });

  it('rejects curves whose fpr and tpr differ in length', () => {
    expect(() =>
      rocFigureSpec({ title: 't', curves: [{ model: 'M', fpr: [0, 1], tpr: [0] }] }),
    ).toThrow(/2 fpr and 1 tpr/);
  });
});

describe('renderRocFigureSvg', () => {
  it('renders SVG with the diagonal, both curves and the full legend text', async () => {
    const { svg, warnings } = await renderRocFigureSvg(INPUT, 'fig-a');
    expect(warnings).toEqual([]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('A model with a rather long descriptive name, AUC 0.500');
    expect(svg).toContain('Clinical, AUC 0.875 (0.600-1.000)');
    expect(svg).not.toContain('xmlns:xlink');
    for (const m of svg.matchAll(/\bid="([^"]+)"/g)) expect(m[1]?.startsWith('fig-a-')).toBe(true);
  });
});

const haveFonts = DEJAVU_FONT_FILES.every((f) => existsSync(f));

describe.skipIf(!haveFonts)('svgToPng (needs the DejaVu fonts)', () => {
  it('writes a PNG at the requested scale', async () => {
    const { svg } = await renderRocFigureSvg(INPUT);
    const png = svgToPng(svg, { scale: 2 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBe(2 * svgWidth);
  });

  it('says which font file is missing', () => {
    expect(() =>
      svgToPng('<svg xmlns="http://www.w3.org/2000/svg"/>', { fontFiles: ['/nope.ttf'] }),
    ).toThrow(/font files not found: \/nope.ttf/);
  });
});
