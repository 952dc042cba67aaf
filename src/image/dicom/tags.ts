/**
 * The DICOM attributes radfusion reads, as 32-bit tags `(group << 16) | element`.
 *
 * `SEQUENCE_TAGS` lists the sequences among them: in implicit VR files the
 * value representation is not stored, so a reader must know which elements
 * hold nested items. Undefined-length values and values that begin with an
 * item tag are recognised as sequences as well (see `dicom-file.ts`).
 */

export function tag(group: number, element: number): number {
  return ((group << 16) | element) >>> 0;
}

/** `(gggg,eeee)`, the way DICOM documents write a tag. */
export function formatTag(value: number): string {
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
  return `(${hex(value >>> 16)},${hex(value & 0xffff)})`;
}

export const TAGS = {
  TransferSyntaxUID: tag(0x0002, 0x0010),
  SOPClassUID: tag(0x0008, 0x0016),
  SOPInstanceUID: tag(0x0008, 0x0018),
  Modality: tag(0x0008, 0x0060),
  SeriesDescription: tag(0x0008, 0x103e),
  ReferencedSOPInstanceUID: tag(0x0008, 0x1155),
  ReferencedSeriesSequence: tag(0x0008, 0x1115),
  ReferencedInstanceSequence: tag(0x0008, 0x114a),
  SourceImageSequence: tag(0x0008, 0x2112),
  DerivationImageSequence: tag(0x0008, 0x9124),
  SliceThickness: tag(0x0018, 0x0050),
  SpacingBetweenSlices: tag(0x0018, 0x0088),
  StudyInstanceUID: tag(0x0020, 0x000d),
  SeriesInstanceUID: tag(0x0020, 0x000e),
  SeriesNumber: tag(0x0020, 0x0011),
  InstanceNumber: tag(0x0020, 0x0013),
  ImagePositionPatient: tag(0x0020, 0x0032),
  ImageOrientationPatient: tag(0x0020, 0x0037),
  FrameOfReferenceUID: tag(0x0020, 0x0052),
  DimensionIndexSequence: tag(0x0020, 0x9222),
  PlanePositionSequence: tag(0x0020, 0x9113),
  PlaneOrientationSequence: tag(0x0020, 0x9116),
  FrameContentSequence: tag(0x0020, 0x9111),
  SamplesPerPixel: tag(0x0028, 0x0002),
  PhotometricInterpretation: tag(0x0028, 0x0004),
  NumberOfFrames: tag(0x0028, 0x0008),
  Rows: tag(0x0028, 0x0010),
  Columns: tag(0x0028, 0x0011),
  PixelSpacing: tag(0x0028, 0x0030),
  BitsAllocated: tag(0x0028, 0x0100),
  BitsStored: tag(0x0028, 0x0101),
  HighBit: tag(0x0028, 0x0102),
  PixelRepresentation: tag(0x0028, 0x0103),
  RescaleIntercept: tag(0x0028, 0x1052),
  RescaleSlope: tag(0x0028, 0x1053),
  PixelMeasuresSequence: tag(0x0028, 0x9110),
  PixelValueTransformationSequence: tag(0x0028, 0x9145),
  SegmentationType: tag(0x0062, 0x0001),
  SegmentSequence: tag(0x0062, 0x0002),
  SegmentNumber: tag(0x0062, 0x0004),
  SegmentLabel: tag(0x0062, 0x0005),
  SegmentIdentificationSequence: tag(0x0062, 0x000a),
  ReferencedSegmentNumber: tag(0x0062, 0x000b),
  MaximumFractionalValue: tag(0x0062, 0x000e),
  ReferencedFrameOfReferenceSequence: tag(0x3006, 0x0010),
  RTReferencedStudySequence: tag(0x3006, 0x0012),
  RTReferencedSeriesSequence: tag(0x3006, 0x0014),
  ContourImageSequence: tag(0x3006, 0x0016),
  StructureSetROISequence: tag(0x3006, 0x0020),
  ROINumber: tag(0x3006, 0x0022),
  ROIName: tag(0x3006, 0x0026),
  ROIContourSequence: tag(0x3006, 0x0039),
  ContourSequence: tag(0x3006, 0x0040),
  ContourGeometricType: tag(0x3006, 0x0042),
  NumberOfContourPoints: tag(0x3006, 0x0046),
  ContourData: tag(0x3006, 0x0050),
  RTROIObservationsSequence: tag(0x3006, 0x0080),
  ReferencedROINumber: tag(0x3006, 0x0084),
  SharedFunctionalGroupsSequence: tag(0x5200, 0x9229),
  PerFrameFunctionalGroupsSequence: tag(0x5200, 0x9230),
  PixelData: tag(0x7fe0, 0x0010),
  Item: tag(0xfffe, 0xe000),
  ItemDelimitation: tag(0xfffe, 0xe00d),
  SequenceDelimitation: tag(0xfffe, 0xe0dd),
} as const;

/** Sequences among the attributes above, for implicit VR data sets. */
export const SEQUENCE_TAGS: ReadonlySet<number> = new Set([
  TAGS.ReferencedSeriesSequence,
  TAGS.ReferencedInstanceSequence,
  TAGS.SourceImageSequence,
  TAGS.DerivationImageSequence,
  TAGS.DimensionIndexSequence,
  TAGS.PlanePositionSequence,
  TAGS.PlaneOrientationSequence,
  TAGS.FrameContentSequence,
  TAGS.PixelMeasuresSequence,
  TAGS.PixelValueTransformationSequence,
  TAGS.SegmentSequence,
  TAGS.SegmentIdentificationSequence,
  TAGS.ReferencedFrameOfReferenceSequence,
  TAGS.RTReferencedStudySequence,
  TAGS.RTReferencedSeriesSequence,
  TAGS.ContourImageSequence,
  TAGS.StructureSetROISequence,
  TAGS.ROIContourSequence,
  TAGS.ContourSequence,
  TAGS.RTROIObservationsSequence,
  TAGS.SharedFunctionalGroupsSequence,
  TAGS.PerFrameFunctionalGroupsSequence,
]);

/** Value representations whose binary values an implicit VR reader must know. */
export const BINARY_VR: ReadonlyMap<number, string> = new Map([
  [TAGS.SamplesPerPixel, 'US'],
  [TAGS.NumberOfFrames, 'IS'],
  [TAGS.Rows, 'US'],
  [TAGS.Columns, 'US'],
  [TAGS.BitsAllocated, 'US'],
  [TAGS.BitsStored, 'US'],
  [TAGS.HighBit, 'US'],
  [TAGS.PixelRepresentation, 'US'],
  [TAGS.SegmentNumber, 'US'],
  [TAGS.ReferencedSegmentNumber, 'US'],
  [TAGS.MaximumFractionalValue, 'US'],
]);

export const TRANSFER_SYNTAX = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflatedExplicitLittle: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
} as const;
