/** Where a customer's request came in. */
export const CHANNELS = ['counter', 'hotline', 'website', 'mobile-app', 'wechat', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How the customer wants to hear back. */
export const FEEDBACK_CHANNELS = ['phone', 'sms', 'email', 'wechat', 'mail'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const PRODUCT_LINES = ['motor', 'health-accident', 'property'] as const;
export type ProductLine = (typeof PRODUCT_LINES)[number];

export const LOSS_KINDS = [
  'vehicle-damage',
  'third-party-liability',
  'bodily-injury',
  'medical-expenses',
  'death-or-disability',
  'property-damage',
  'theft',
  'other',
] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/** Integer minor units (fen, cents) and an ISO 4217 currency: money never floats. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** The actor of events the platform records by itself (demo data, integration events). */
export const SYSTEM_ACTOR = { id: 'intake', role: 'system' } as const;
