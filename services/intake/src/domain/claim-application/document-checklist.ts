import { PRODUCT_LINES, ProductLine } from '../vocabulary';

export interface ChecklistItem {
  readonly kind: string;
  readonly required: boolean;
  /** What to bring, in plain words. */
  readonly description: string;
}

/** The supporting documents each product line asks for: data (data/document-checklists.json), not code. */
export class DocumentChecklists {
  constructor(private readonly byLine: Readonly<Record<ProductLine, readonly ChecklistItem[]>>) {
    const missing = PRODUCT_LINES.filter((line) => !Array.isArray(byLine[line]));
    if (missing.length > 0)
      throw new Error(`No document checklist for product line(s): ${missing.join(', ')}`);
  }

  for(line: ProductLine): readonly ChecklistItem[] {
    return this.byLine[line];
  }

  item(line: ProductLine, kind: string): ChecklistItem | undefined {
    return this.byLine[line].find((item) => item.kind === kind);
  }
}
