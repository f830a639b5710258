/** The pricing-program test. */

export interface PricingTestResult {
  ppid: string;
  /** Number as sent, or the sum of a list's `amount`s. */
  amount: number;
  /** Present when the platform answered with a list of priced items. */
  items?: { name?: string; amount: number }[];
}
