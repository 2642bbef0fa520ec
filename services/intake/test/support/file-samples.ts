/** The first bytes of real files of each kind, followed by some filler: what uploads are checked against. */
const filler = (seed: string) => Buffer.from(`\n${seed}\n`.repeat(4));

export const FILE_SAMPLES = {
  'application/pdf': (seed = 'pdf') =>
    Buffer.concat([Buffer.from('%PDF-1.7\n'), filler(seed), Buffer.from('%%EOF')]),
  'image/jpeg': (seed = 'jpeg') =>
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), filler(seed)]),
  'image/png': (seed = 'png') =>
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from('IHDR'),
      filler(seed),
    ]),
  'image/heic': (seed = 'heic') =>
    Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic'), filler(seed)]),
  'image/webp': (seed = 'webp') =>
    Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), filler(seed)]),
} as const;

export type SampleType = keyof typeof FILE_SAMPLES;

/** Files that are none of the accepted kinds: programs first. */
export const FOREIGN_SAMPLES: Record<string, (seed?: string) => Buffer> = {
  'an ELF executable': (seed = 'elf') =>
    Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), filler(seed)]),
  'a PE executable': (seed = 'pe') =>
    Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0'), filler(seed), Buffer.from('PE\0\0')]),
  'a Mach-O executable': (seed = 'macho') =>
    Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), filler(seed)]),
  'a shell script': (seed = 'sh') => Buffer.from(`#!/bin/sh\nrm -rf / # ${seed}\n`),
  'a WebAssembly module': (seed = 'wasm') =>
    Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), filler(seed)]),
  'an HTML page': (seed = 'html') => Buffer.from(`<html><script>alert(1)</script>${seed}</html>`),
  'a ZIP archive': (seed = 'zip') => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), filler(seed)]),
  'a PDF signature too late': (seed = 'late') => Buffer.concat([filler(seed), Buffer.from('%PDF-1.7')]),
  'a truncated PNG signature': () => Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  'a RIFF file that is not WebP': (seed = 'wav') =>
    Buffer.concat([Buffer.from('RIFF\x24\0\0\0WAVEfmt '), filler(seed)]),
  'an MP4 video (ftyp, not HEIF)': (seed = 'mp4') =>
    Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), filler(seed)]),
};
