/**
 * CAM heatmaps for the report (the study's Figure 3): the lesion's CT slice as
 * the network saw it (the patch, windowed), beside the same slice with the
 * class activation map blended over it in a jet colour scale (blue low, red
 * high) and the lesion mask's outline in white. PNG, via a small RGBA encoder.
 *
 * The slice is the patch's centre: the lesion's largest cross-section in 2D,
 * the centre slice (channel) in 2.5D, the middle depth of the cube in 3D.
 * Rows run anterior to posterior and columns patient right to left (the
 * radiological view), as the patch grid does.
 */
import type { DeepCase, DeepModel } from './deep-model.js';
import { encodeRgbaPng } from './rgba-png.js';

export interface CamOverlayOptions {
  /** The class whose evidence is shown; default 1 (the positive class). */
  readonly classIndex?: 0 | 1;
  /** Screen pixels per patch pixel. Default 4 (64 x 64 -> 256 x 256 per panel). */
  readonly scale?: number;
  /** Opacity of the heatmap over the CT. Default 0.45. */
  readonly opacity?: number;
  /** 'pair': CT | CT + CAM; 'overlay': only CT + CAM. Default 'pair'. */
  readonly layout?: 'pair' | 'overlay';
}

export interface CamOverlay {
  readonly caseId: string;
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** The model's P(class 1) for the case. */
  readonly probability: number;
  readonly classIndex: 0 | 1;
  /** The CAM slice shown, height x width in [0, 1] (x fastest). */
  readonly cam: Float32Array;
}

const GAP_PX = 4;

export function renderCamOverlay(
  model: DeepModel,
  c: Pick<DeepCase, 'caseId' | 'image' | 'mask'>,
  options: CamOverlayOptions = {},
): CamOverlay {
  // 1. The patch, the model's probability and CAM, and their centre slice.
  const classIndex = options.classIndex ?? 1;
  const scale = options.scale ?? 4;
  const opacity = options.opacity ?? 0.45;
  const layout = options.layout ?? 'pair';
  if (!(Number.isInteger(scale) && scale >= 1)) {
    throw new RangeError(`renderCamOverlay: scale is ${scale}, expected an integer >= 1`);
  }
  const patch = model.patch(c);
  const probability = model.infer([patch]).probabilities[0] ?? NaN;
  const camVolume = model.cams([patch], [classIndex])[0] ?? new Float32Array(patch.mask.length);
  const [channels, depth, height, width] = patch.shape;
  const plane = width * height;
  const slice = Math.floor((depth - 1) / 2);
  const channel = Math.floor((channels - 1) / 2);
  const ct = patch.image.subarray(
    (channel * depth + slice) * plane,
    (channel * depth + slice + 1) * plane,
  );
  const mask = patch.mask.subarray(slice * plane, (slice + 1) * plane);
  const cam = camVolume.slice(slice * plane, (slice + 1) * plane);

  // 2. Paint the panels.
  const panels = layout === 'pair' ? 2 : 1;
  const outWidth = panels * width * scale + (panels - 1) * GAP_PX;
  const outHeight = height * scale;
  const rgba = new Uint8Array(outWidth * outHeight * 4).fill(255);
  for (let p = 0; p < panels; p++) {
    const withCam = layout === 'overlay' || p === 1;
    const left = p * (width * scale + GAP_PX);
    for (let v = 0; v < height; v++) {
      for (let u = 0; u < width; u++) {
        const n = v * width + u;
        let rgb = grey(ct[n] ?? 0);
        if (withCam) {
          const heat = jet(cam[n] ?? 0);
          rgb = [0, 1, 2].map((k) => (1 - opacity) * rgb[k]! + opacity * heat[k]!) as Rgb;
          if (isOutline(mask, width, height, u, v)) rgb = [255, 255, 255];
        }
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const o = ((v * scale + dy) * outWidth + left + u * scale + dx) * 4;
            rgba[o] = rgb[0];
            rgba[o + 1] = rgb[1];
            rgba[o + 2] = rgb[2];
            rgba[o + 3] = 255;
          }
        }
      }
    }
  }

  return {
    caseId: c.caseId,
    png: encodeRgbaPng({ width: outWidth, height: outHeight, rgba }),
    width: outWidth,
    height: outHeight,
    probability,
    classIndex,
    cam,
  };
}

type Rgb = [number, number, number];

function grey(value: number): Rgb {
  const g = Math.round(255 * Math.min(1, Math.max(0, value)));
  return [g, g, g];
}

/** The jet colour scale at t in [0, 1]. */
function jet(t: number): Rgb {
  const channel = (centre: number): number =>
    Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - centre))));
  return [channel(3), channel(2), channel(1)];
}

/** A mask pixel with a 4-neighbour outside the mask (or on the patch edge). */
function isOutline(
  mask: Float32Array,
  width: number,
  height: number,
  u: number,
  v: number,
): boolean {
  if (!mask[v * width + u]) return false;
  const at = (x: number, y: number): number =>
    x < 0 || y < 0 || x >= width || y >= height ? 0 : (mask[y * width + x] ?? 0);
  return !at(u - 1, v) || !at(u + 1, v) || !at(u, v - 1) || !at(u, v + 1);
}
