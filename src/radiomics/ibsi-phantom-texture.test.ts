/**
 * The IBSI 1 digital phantom against the IBSI consensus reference table, row
 * by row, for the texture families in every aggregation: GLCM 2D and 2.5D
 * (the 3D rows are in ibsi-phantom.test.ts), GLRLM, GLSZM, GLDZM, NGTDM and
 * NGLDM. The phantom is used without discretisation (levels 1, 3, 4, 6).
 *
 * Tolerance: the fixture's rule (the table's tolerance, at least half a unit
 * in the last printed digit where the table gives 0).
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { extractOriginalFeatures, type FeatureRow } from './extract.js';
import {
  HAS_PHANTOM,
  SKIP_MESSAGE,
  loadPhantom,
  loadReference,
  type ReferenceRow,
} from './ibsi-phantom.fixture.js';
import { parseRadiomicsSettings } from './settings.js';

const GROUPS: ReadonlyArray<{ label: string; pattern: RegExp }> = [
  { label: 'GLCM 2D averaged', pattern: /^cm_.*_2D_avg$/ },
  { label: 'GLCM 2D slice-merged', pattern: /^cm_.*_2D_comb$/ },
  { label: 'GLCM 2.5D direction-merged', pattern: /^cm_.*_2_5D_avg$/ },
  { label: 'GLCM 2.5D merged', pattern: /^cm_.*_2_5D_comb$/ },
  ...['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb', '3D_avg', '3D_comb'].map((a) => ({
    label: `GLRLM ${a}`,
    pattern: new RegExp(`^rlm_.*_${a}$`),
  })),
  ...(
    [
      ['GLSZM', 'szm'],
      ['GLDZM', 'dzm'],
      ['NGTDM', 'ngt'],
      ['NGLDM', 'ngl'],
    ] as const
  ).flatMap(([label, prefix]) =>
    ['2D', '2_5D', '3D'].map((a) => ({
      label: `${label} ${a}`,
      pattern: new RegExp(`^${prefix}_.*_${a}$`),
    })),
  ),
];

describe.skipIf(!HAS_PHANTOM)(
  `IBSI digital phantom, texture (${HAS_PHANTOM ? 'found' : SKIP_MESSAGE})`,
  () => {
    let reference: Map<string, ReferenceRow>;
    let row: FeatureRow;

    beforeAll(async () => {
      reference = loadReference();
      const { image, mask } = await loadPhantom();
      const settings = parseRadiomicsSettings({
        discretisation: { method: 'none' },
        families: ['glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'],
        textureAggregations: ['3D', '2.5D', '2D'],
      });
      row = extractOriginalFeatures(image, mask, settings);
    });

    for (const group of GROUPS) {
      it(`matches every ${group.label} row within tolerance`, () => {
        const tags = [...reference.keys()].filter((tag) => group.pattern.test(tag));
        expect(tags.length).toBeGreaterThan(0);
        const failures: string[] = [];
        for (const tag of tags) {
          const expected = reference.get(tag);
          if (expected === undefined) continue;
          const actual = row.details.find((feature) => feature.ibsiTag === tag)?.value ?? NaN;
          if (!(Math.abs(actual - expected.value) <= expected.tolerance)) {
            failures.push(
              `${tag}: got ${actual}, expected ${expected.value} +- ${expected.tolerance}`,
            );
          }
        }
        console.info(
          `IBSI phantom, ${group.label}: ${tags.length - failures.length}/${tags.length} rows pass`,
        );
        expect(failures).toEqual([]);
      });
    }
  },
);
