/** Service tasks of the langsung definitions. */
import type { Service } from './index';

export const services: Record<string, Service> = {};
