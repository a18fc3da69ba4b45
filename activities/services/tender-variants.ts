/** Service tasks of the tender-variants definitions. */
import type { Service } from './index';

export const services: Record<string, Service> = {};
