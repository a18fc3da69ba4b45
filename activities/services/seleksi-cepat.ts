/** Service tasks of the seleksi-cepat definitions. */
import type { Service } from './index';

export const services: Record<string, Service> = {};
