/**
 * The p-value of the Lilliefors test for normality (the KS statistic of the
 * sample standardised by its own mean and SD, ddof 1), read by default from a
 * table of critical values as statsmodels 0.13 `lilliefors(x, 'norm',
 * pvalmethod='table')` does, the "KS with Lilliefors correction" of SPSS-style
 * reports.
 *
 * The table: for sample sizes 4 to 1600, the percentiles 1, 5, ..., 99.9 of the
 * statistic under normality, estimated by statsmodels' authors from 10,000,000
 * simulated samples per size (the numbers are data, reproduced here so the
 * p-values agree; statsmodels is BSD-3-licensed). Above n = 1600 each percentile
 * follows the fitted curve ln(cv) = b0 + b1 ln n + b2 (ln n)^2.
 *
 * The p-value for a statistic d at size n:
 *  1. the row of critical values at n, linearly interpolated between the two
 *     nearest tabulated sizes (or the fitted curve above 1600);
 *  2. the upper-tail probability alpha = 1 - percentile / 100 linearly
 *     interpolated between the two critical values around d;
 *  3. clipped to the table's range: 0.99 below the smallest critical value and
 *     0.001 above the largest. A p-value of 0.001 therefore means "<= 0.001".
 *
 * `method: 'approx'` is statsmodels' `pvalmethod='approx'`: the formula of
 * Dallal and Wilkinson (1986), valid for p < 0.1 (with n > 100 the statistic
 * scaled by (n / 100)^0.49 and n set to 100),
 *   p = exp(-7.01256 d^2 (n + 2.78019) + 2.99587 d sqrt(n + 2.78019) - 0.122119
 *           + 0.974598 / sqrt(n) + 1.67997 / n),
 * and the table above where it gives p > 0.1. It is not clipped at 0.001.
 *
 * Reference: Dallal, Wilkinson, "An analytic approximation to the distribution
 * of Lilliefors's test statistic for normality", Am. Stat. 40(4), 1986.
 */

/** Percentiles of the tabulated critical values, in the order of each row. */
const PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 92.5, 95, 97.5, 99, 99.5, 99.7, 99.9];

/** [n, critical values at PERCENTILES] for the normal distribution. */
const CRITICAL_VALUES: ReadonlyArray<readonly [number, readonly number[]]> = [
  [
    4,
    [
      0.14467854, 0.16876575, 0.18664724, 0.22120362, 0.25828924, 0.29341032, 0.34532673,
      0.35917374, 0.37521968, 0.39563998, 0.41307904, 0.42157653, 0.4261507, 0.43265213,
    ],
  ],
  [
    5,
    [
      0.13587046, 0.16098893, 0.17638354, 0.20235666, 0.2333944, 0.27766941, 0.31900772, 0.32936832,
      0.34309223, 0.36727643, 0.39671728, 0.41322814, 0.42293504, 0.4386304,
    ],
  ],
  [
    6,
    [
      0.12919635, 0.15139467, 0.16384021, 0.18597849, 0.2186713, 0.2585473, 0.29713753, 0.30829444,
      0.32338252, 0.3456671, 0.37038945, 0.38760943, 0.40001813, 0.42304439,
    ],
  ],
  [
    7,
    [
      0.12263812, 0.14163065, 0.15238656, 0.17435948, 0.20617949, 0.24243592, 0.28031415,
      0.29068512, 0.3042307, 0.32532967, 0.35070348, 0.3678189, 0.37908881, 0.40078798,
    ],
  ],
  [
    8,
    [
      0.11633728, 0.13297288, 0.14353311, 0.16537078, 0.19477376, 0.22936164, 0.2652001, 0.27501697,
      0.28804474, 0.30862157, 0.33279908, 0.34911188, 0.3603517, 0.38252055,
    ],
  ],
  [
    9,
    [
      0.11029593, 0.126086, 0.1365291, 0.15748048, 0.18510669, 0.21822055, 0.25223085, 0.26161129,
      0.27415243, 0.29383667, 0.31708299, 0.33312043, 0.34406772, 0.36524182,
    ],
  ],
  [
    10,
    [
      0.10487398, 0.12044377, 0.13065174, 0.15042835, 0.17679904, 0.20848607, 0.24098605,
      0.25001629, 0.26202351, 0.2809226, 0.30341763, 0.31888089, 0.32960742, 0.35061378,
    ],
  ],
  [
    11,
    [
      0.10036835, 0.11563925, 0.12540948, 0.14421024, 0.1695621, 0.19993088, 0.23119563, 0.23987246,
      0.25142048, 0.26961902, 0.29148756, 0.30646087, 0.31678589, 0.33743951,
    ],
  ],
  [
    12,
    [
      0.09649147, 0.11137479, 0.12069511, 0.13877133, 0.16313672, 0.19233706, 0.22244871,
      0.23082937, 0.24194831, 0.25959488, 0.28077229, 0.29526801, 0.30538827, 0.32558601,
    ],
  ],
  [
    13,
    [
      0.09318309, 0.10753337, 0.11647389, 0.13389325, 0.15739248, 0.18555597, 0.21463087,
      0.22267463, 0.23346007, 0.25054975, 0.27100552, 0.28519234, 0.29504428, 0.31445229,
    ],
  ],
  [
    14,
    [
      0.09024138, 0.1040431, 0.11266368, 0.12948657, 0.15221479, 0.17944478, 0.2075745, 0.21536969,
      0.22585144, 0.2423819, 0.26231339, 0.2760657, 0.28555592, 0.30466148,
    ],
  ],
  [
    15,
    [
      0.08750578, 0.10085666, 0.1092263, 0.12552356, 0.14751778, 0.17390304, 0.2011939, 0.20879449,
      0.21891697, 0.23499116, 0.25427802, 0.26772298, 0.27706522, 0.29551017,
    ],
  ],
  [
    16,
    [
      0.08501529, 0.09795236, 0.10607182, 0.1219047, 0.14327014, 0.16885124, 0.19537444, 0.20274039,
      0.21257643, 0.22822187, 0.24703504, 0.26003621, 0.26913735, 0.28745211,
    ],
  ],
  [
    17,
    [
      0.0827393, 0.09529635, 0.10320903, 0.11859867, 0.13936135, 0.16422592, 0.1900207, 0.19722541,
      0.20683438, 0.22204864, 0.2402864, 0.25306469, 0.26200104, 0.2798316,
    ],
  ],
  [
    18,
    [
      0.08063198, 0.09285546, 0.10055901, 0.11554003, 0.13575222, 0.15996707, 0.18509495, 0.1921063,
      0.20145911, 0.2163409, 0.23420221, 0.24665892, 0.25527246, 0.27285099,
    ],
  ],
  [
    19,
    [
      0.0786934, 0.09059543, 0.09810264, 0.11271608, 0.1324079, 0.15602767, 0.18052002, 0.18736281,
      0.19652196, 0.21105313, 0.22854301, 0.24068403, 0.24912401, 0.26624557,
    ],
  ],
  [
    20,
    [
      0.07686372, 0.08852309, 0.09582876, 0.11008398, 0.12930804, 0.15236687, 0.1762829, 0.18297149,
      0.19190794, 0.20610189, 0.22327259, 0.23513834, 0.24349604, 0.2602868,
    ],
  ],
  [
    25,
    [
      0.06933943, 0.07985746, 0.08645091, 0.09927555, 0.11656692, 0.1373056, 0.15889286, 0.16493761,
      0.17300926, 0.18582499, 0.2013265, 0.21221932, 0.21979198, 0.2350391,
    ],
  ],
  [
    30,
    [
      0.06380332, 0.07339662, 0.07942847, 0.09118039, 0.10701841, 0.12603791, 0.14586121,
      0.15138566, 0.15878307, 0.17058849, 0.18492078, 0.19492393, 0.20198353, 0.21612086,
    ],
  ],
  [
    40,
    [
      0.055784, 0.06414642, 0.06940064, 0.07961554, 0.09339439, 0.10994266, 0.12719016, 0.13202416,
      0.13850018, 0.14877502, 0.16131916, 0.17009968, 0.17633078, 0.18870328,
    ],
  ],
  [
    50,
    [
      0.05022994, 0.05773701, 0.06243507, 0.07160481, 0.08395875, 0.09882109, 0.11431303,
      0.11863768, 0.12444044, 0.1337458, 0.14504504, 0.15299605, 0.15854061, 0.16985345,
    ],
  ],
  [
    100,
    [
      0.0361047, 0.04146075, 0.0448043, 0.05131964, 0.06011456, 0.07068396, 0.08173283, 0.08483991,
      0.08900091, 0.09564506, 0.10373761, 0.10937278, 0.11338394, 0.12161442,
    ],
  ],
  [
    200,
    [
      0.02584151, 0.02963511, 0.03200533, 0.0366259, 0.04286406, 0.05036816, 0.05820564, 0.06041126,
      0.06336215, 0.06809025, 0.0738379, 0.07788879, 0.08074047, 0.08663425,
    ],
  ],
  [
    400,
    [
      0.01844162, 0.02112065, 0.02280475, 0.02607295, 0.03049198, 0.03580284, 0.04135097,
      0.04290933, 0.04500619, 0.04834792, 0.0524239, 0.05530289, 0.05733374, 0.06145404,
    ],
  ],
  [
    800,
    [
      0.0131231, 0.01501723, 0.01620598, 0.01852257, 0.02164634, 0.02540595, 0.02933599, 0.03043873,
      0.03192094, 0.03429131, 0.03718247, 0.03922491, 0.0406419, 0.04361741,
    ],
  ],
  [
    1600,
    [
      0.00932049, 0.01066126, 0.01150366, 0.01314135, 0.0153528, 0.0180115, 0.02079512, 0.02157469,
      0.02262168, 0.02429563, 0.02634302, 0.02777611, 0.02879721, 0.03088286,
    ],
  ],
];

/** Intercepts b0 per percentile and the shared b1, b2 of the curve above n = 1600. */
const ASYMPTOTIC_INTERCEPTS = [
  -1.17114969, -1.03298277, -0.95518114, -0.81912169, -0.6607348, -0.49861004, -0.35446139,
  -0.31737193, -0.26969888, -0.1979977, -0.11709649, -0.06398777, -0.0281863, 0.04129756,
];
const ASYMPTOTIC_SLOPE = -0.45068579;
const ASYMPTOTIC_CURVATURE = -0.00356741;

/** The smallest sample size the table covers. */
export const LILLIEFORS_MIN_N = 4;

function criticalValuesAt(n: number): number[] {
  const largest = CRITICAL_VALUES[CRITICAL_VALUES.length - 1] as readonly [
    number,
    readonly number[],
  ];
  if (n > largest[0]) {
    const logN = Math.log(n);
    return ASYMPTOTIC_INTERCEPTS.map((b0) =>
      Math.exp(b0 + ASYMPTOTIC_SLOPE * logN + ASYMPTOTIC_CURVATURE * logN * logN),
    );
  }
  for (let i = 0; i < CRITICAL_VALUES.length; i++) {
    const [size, row] = CRITICAL_VALUES[i] as readonly [number, readonly number[]];
    if (size === n) return [...row];
    if (size > n) {
      const [previousSize, previousRow] = CRITICAL_VALUES[i - 1] as readonly [
        number,
        readonly number[],
      ];
      const weight = (n - previousSize) / (size - previousSize);
      return row.map((high, j) => {
        const low = previousRow[j] as number;
        return low + weight * (high - low);
      });
    }
  }
  throw new RangeError(`Lilliefors table: n = ${n} is not covered`);
}

function dallalWilkinson(d: number, n: number): number {
  const scaledD = n > 100 ? d * (n / 100) ** 0.49 : d;
  const m = Math.min(n, 100);
  return Math.exp(
    -7.01256 * scaledD * scaledD * (m + 2.78019) +
      2.99587 * scaledD * Math.sqrt(m + 2.78019) -
      0.122119 +
      0.974598 / Math.sqrt(m) +
      1.67997 / m,
  );
}

export type LillieforsMethod = 'table' | 'approx';

/**
 * P-value of the Lilliefors normality statistic `d` for a sample of size `n`
 * (n >= 4): by the table (default; in [0.001, 0.99]) or by Dallal and
 * Wilkinson's approximation below 0.1.
 */
export function lillieforsPValue(d: number, n: number, method: LillieforsMethod = 'table'): number {
  if (method === 'approx' && Number.isInteger(n) && n >= LILLIEFORS_MIN_N) {
    const approximate = dallalWilkinson(d, n);
    if (approximate <= 0.1) return approximate;
  }
  return lillieforsTablePValue(d, n);
}

function lillieforsTablePValue(d: number, n: number): number {
  if (!Number.isInteger(n) || n < LILLIEFORS_MIN_N) {
    throw new RangeError(
      `Lilliefors p-value: expected an integer sample size >= ${LILLIEFORS_MIN_N}, got ${n}`,
    );
  }
  if (Number.isNaN(d)) return Number.NaN;

  // 1. Critical values increase with the percentile, so alpha falls along the row.
  const critical = criticalValuesAt(n);
  const alpha = PERCENTILES.map((percentile) => 1 - percentile / 100);
  const first = critical[0] as number;
  const last = critical[critical.length - 1] as number;
  if (d < first) return alpha[0] as number;
  if (d > last) return alpha[alpha.length - 1] as number;

  // 2. Linear interpolation between the two critical values around d.
  for (let j = 1; j < critical.length; j++) {
    const high = critical[j] as number;
    if (d <= high) {
      const low = critical[j - 1] as number;
      const alphaLow = alpha[j - 1] as number;
      const alphaHigh = alpha[j] as number;
      return alphaLow + ((alphaHigh - alphaLow) / (high - low)) * (d - low);
    }
  }
  return alpha[alpha.length - 1] as number;
}
