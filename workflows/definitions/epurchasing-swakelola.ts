/** Process definitions: e-purchasing (Katalog Elektronik) and swakelola. */
import type { ProcessDefinition } from '../../domain/process/definition';
import { ePurchasing } from './e-purchasing';
import { swakelola } from './swakelola';

export const definitions: ProcessDefinition[] = [ePurchasing, swakelola];
