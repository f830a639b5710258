import type { PricingTestResult } from '../models';
import type { Route } from './route';

export interface PricingRoutes {
  'pricing.test': Route<{ ppid: string; data: Record<string, unknown> }, PricingTestResult>;
}
