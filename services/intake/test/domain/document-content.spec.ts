import { DomainRuleViolation } from '@claims/event-sourcing';
import { ACCEPTED_MEDIA_TYPES, detectedKindOf, refuseContentNotOfDeclaredType } from '@claims/documents';
import { FILE_SAMPLES, FOREIGN_SAMPLES, SampleType } from '../support/file-samples';

const refusalOf = (declared: string, bytes: Buffer): DomainRuleViolation | null => {
  try {
    refuseContentNotOfDeclaredType(declared, bytes);
    return null;
  } catch (error) {
    if (error instanceof DomainRuleViolation) return error;
    throw error;
  }
};

describe('document content against its declared type (signature bytes)', () => {
  const samples = Object.keys(FILE_SAMPLES) as SampleType[];

  it('knows a sample of every accepted type', () => {
    expect([...samples].sort()).toEqual([...ACCEPTED_MEDIA_TYPES].sort());
  });

  it.each(ACCEPTED_MEDIA_TYPES.flatMap((declared) => samples.map((actual) => [declared, actual] as const)))(
    'declared %s, content %s: accepted exactly when they agree',
    (declared, actual) => {
      const refusal = refusalOf(declared, FILE_SAMPLES[actual]());
      if (declared === actual) expect(refusal).toBeNull();
      else {
        expect(refusal?.code).toBe('document-content-mismatch');
        expect(refusal?.details).toEqual({ declaredMediaType: declared, detectedMediaType: actual });
      }
    },
  );

  it.each(
    ACCEPTED_MEDIA_TYPES.flatMap((declared) =>
      Object.keys(FOREIGN_SAMPLES).map((what) => [declared, what] as const),
    ),
  )('declared %s, content %s: refused', (declared, what) => {
    const bytes = FOREIGN_SAMPLES[what]();
    const refusal = refusalOf(declared, bytes);
    expect(refusal?.code).toBe('document-content-mismatch');
    expect(refusal?.details.detectedMediaType).toBe(detectedKindOf(bytes));
  });

  it('names a program as one', () => {
    for (const what of [
      'an ELF executable',
      'a PE executable',
      'a Mach-O executable',
      'a shell script',
      'a WebAssembly module',
    ]) {
      const refusal = refusalOf('application/pdf', FOREIGN_SAMPLES[what]());
      expect({ what, detected: refusal?.details.detectedMediaType }).toEqual({
        what,
        detected: 'executable',
      });
      expect(refusal?.message).toMatch(/sent as application\/pdf, but its content is a program/);
    }
  });

  it('refuses a program whose first bytes could pass for a file of the declared type', () => {
    const heicWithMz = Buffer.concat([Buffer.from('MZ\0\0ftypheic'), Buffer.alloc(32)]);
    expect(refusalOf('image/heic', heicWithMz)?.details).toEqual({
      declaredMediaType: 'image/heic',
      detectedMediaType: 'executable',
    });
  });

  it('refuses a type that is not accepted at all, and an empty file', () => {
    expect(refusalOf('application/x-msdownload', FOREIGN_SAMPLES['a PE executable']())?.code).toBe(
      'document-type-not-accepted',
    );
    expect(refusalOf('application/pdf', Buffer.alloc(0))?.code).toBe('document-content-mismatch');
  });
});
