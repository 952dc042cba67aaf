/**
 * Eigenvalues of a symmetric 3x3 matrix in closed form (the trigonometric
 * solution of the characteristic cubic), for the PCA axes of morphology.ts
 * and the ellipsoids of enclosing-ellipsoid.ts.
 */

/**
 * Eigenvalues, largest first, of the symmetric 3x3 matrix with diagonal
 * (a, b, c) and off-diagonal entries ab, ac, bc (trigonometric solution).
 */
export function symmetricEigenvalues3(
  a: number,
  b: number,
  c: number,
  ab: number,
  ac: number,
  bc: number,
): [number, number, number] {
  const offDiagonal = ab * ab + ac * ac + bc * bc;
  if (offDiagonal === 0) {
    const sorted = [a, b, c].sort((x, y) => y - x);
    return [sorted[0] ?? 0, sorted[1] ?? 0, sorted[2] ?? 0];
  }
  const q = (a + b + c) / 3;
  const p = Math.sqrt(((a - q) ** 2 + (b - q) ** 2 + (c - q) ** 2 + 2 * offDiagonal) / 6);
  // B = (A - qI) / p; r = det(B) / 2, clamped to [-1, 1] against rounding.
  const ba = (a - q) / p;
  const bb = (b - q) / p;
  const bcc = (c - q) / p;
  const bab = ab / p;
  const bac = ac / p;
  const bbc = bc / p;
  const det =
    ba * (bb * bcc - bbc * bbc) - bab * (bab * bcc - bbc * bac) + bac * (bab * bbc - bb * bac);
  const r = Math.min(1, Math.max(-1, det / 2));
  const phi = Math.acos(r) / 3;
  const largest = q + 2 * p * Math.cos(phi);
  const smallest = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
  return [largest, 3 * q - largest - smallest, smallest];
}
