/** A year's claim numbers: none handed out yet, or the last sequence and each claim's number. */
export type ClaimNumbers =
  | { readonly status: 'unused' }
  | {
      readonly status: 'in-use';
      readonly lastSequence: number;
      readonly byClaim: Readonly<Record<string, string>>;
    };
