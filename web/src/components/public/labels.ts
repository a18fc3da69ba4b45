/**
 * Words the public portal shows for codes. Method names are the method rules' own (pure, bundled), rather than read
 * from /api/process-definitions, which needs a token.
 */
import { METHOD_NAMES } from '../../../../domain/rules/method-rules';

export const METHOD_LABELS: Readonly<Record<string, string>> = METHOD_NAMES;

export const methodLabel = (m: string) => METHOD_LABELS[m] ?? m;

/** Red-flag severities as the flag table writes them, and the tone of their badge. */
export const SEVERITY: Readonly<Record<string, { text: string; tone: '' | 'warn' | 'bad' }>> = {
  rendah: { text: 'Rendah', tone: '' },
  sedang: { text: 'Sedang', tone: 'warn' },
  tinggi: { text: 'Tinggi', tone: 'bad' },
};
