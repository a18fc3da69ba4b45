/** Service tasks of the epurchasing-swakelola definitions. */
import type { Service } from './index';

export const services: Record<string, Service> = {};
