/**
 * Types for the parts of libsvm-js 0.2.1 (libsvm compiled to WebAssembly) that
 * svm.ts uses. The package's main module exports a promise of the SVM class,
 * resolved once the WebAssembly module has been instantiated.
 */
declare module 'libsvm-js' {
  export interface LibsvmOptions {
    type?: string;
    kernel?: string;
    gamma?: number;
    cost?: number;
    cacheSize?: number;
    tolerance?: number;
    shrinking?: boolean;
    probabilityEstimates?: boolean;
    quiet?: boolean;
  }

  export interface LibsvmModel {
    train(samples: number[][], labels: number[]): void;
    predict(samples: number[][]): number[];
    /** libsvm's model file text: header (rho printed with 6 digits), then SV lines. */
    serializeModel(): string;
    /** 0-based indices into the training samples, in model order. */
    getSVIndices(): number[];
    /** Class labels in libsvm's internal order (first appearance in training). */
    getLabels(): number[];
    free(): void;
  }

  export interface LibsvmStatic {
    new (options: LibsvmOptions): LibsvmModel;
    load(serialized: string): LibsvmModel;
    readonly SVM_TYPES: { readonly C_SVC: string };
    readonly KERNEL_TYPES: { readonly LINEAR: string; readonly RBF: string };
  }

  const loaded: Promise<LibsvmStatic>;
  export default loaded;
}
