import { DomainRuleViolation } from '@claims/event-sourcing';

/** Files the platform accepts from customers and staff (claim documents, complaint attachments): scans, photos and PDFs. */
export const ACCEPTED_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/webp',
] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** A stored file, as events refer to it: never the bytes. */
export interface DocumentFile {
  readonly contentHash: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** Where the blob store keeps it: always sealed for the customer it concerns. */
  readonly blobReference: string;
}

export function refuseUnacceptableFile(mediaType: string, sizeBytes: number): void {
  if (!ACCEPTED_MEDIA_TYPES.some((accepted) => accepted === mediaType)) {
    throw new DomainRuleViolation(
      'document-type-not-accepted',
      `Files of type ${mediaType} are not accepted; send a PDF or a photo`,
      { acceptedMediaTypes: ACCEPTED_MEDIA_TYPES },
    );
  }
  if (sizeBytes === 0) throw new DomainRuleViolation('document-empty', 'The file is empty');
  if (sizeBytes > MAX_DOCUMENT_BYTES) {
    throw new DomainRuleViolation(
      'document-too-large',
      `The file has ${sizeBytes} bytes; at most ${MAX_DOCUMENT_BYTES} are accepted`,
      { maxBytes: MAX_DOCUMENT_BYTES },
    );
  }
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

/** HEIF brands (ISO/IEC 23008-12) of still images and image sequences. */
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1'];

/** The signature each accepted type's files begin with. */
const SIGNATURES: Readonly<Record<AcceptedMediaType, (bytes: Uint8Array) => boolean>> = {
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/heic': (b) =>
    startsWith(b, ascii('ftyp'), 4) && HEIF_BRANDS.some((brand) => startsWith(b, ascii(brand), 8)),
  'image/webp': (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
};

/** Programs: ELF, PE (MZ), Mach-O (and fat binaries), WebAssembly, scripts with a #! line. */
const EXECUTABLES: readonly (readonly number[])[] = [
  [0x7f, 0x45, 0x4c, 0x46],
  [0x4d, 0x5a],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  [0x00, 0x61, 0x73, 0x6d],
  ascii('#!'),
];

/** What a file's first bytes say it is: an accepted type, a program, or neither (null). */
export function detectedKindOf(bytes: Uint8Array): AcceptedMediaType | 'executable' | null {
  if (EXECUTABLES.some((signature) => startsWith(bytes, signature))) return 'executable';
  return ACCEPTED_MEDIA_TYPES.find((type) => SIGNATURES[type](bytes)) ?? null;
}

/**
 * A file must be what it says it is: its content begins with the signature of its declared
 * type. A program, or a file of another type, is refused before anything is stored.
 */
export function refuseContentNotOfDeclaredType(mediaType: string, bytes: Uint8Array): void {
  const declared = ACCEPTED_MEDIA_TYPES.find((type) => type === mediaType);
  if (!declared) return refuseUnacceptableFile(mediaType, bytes.length);
  // a program is refused even where its first bytes could pass for a file's (e.g. a HEIC box size)
  const detected = detectedKindOf(bytes);
  if (detected === declared) return;
  const what =
    detected === 'executable'
      ? 'a program'
      : detected
        ? `a file of type ${detected}`
        : 'of no type that is accepted';
  throw new DomainRuleViolation(
    'document-content-mismatch',
    `The file was sent as ${declared}, but its content is ${what}; send the document itself`,
    { declaredMediaType: declared, detectedMediaType: detected },
  );
}
