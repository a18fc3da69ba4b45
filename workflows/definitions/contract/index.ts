/**
 * The E-Kontrak definitions: the child processes that awarding packages start (callActivity). Every version of a
 * definition stays here: a running contract keeps the version it started with, and its views and steps read it.
 */
import { kontrak } from './kontrak';
import { kontrakV2 } from './kontrak-v2';
import { kontrakV3 } from './kontrak-v3';
import { kontrakV4 } from './kontrak-v4';
import { pelaksanaanSwakelola } from './pelaksanaan-swakelola';
import { pelaksanaanSwakelolaV2 } from './pelaksanaan-swakelola-v2';
import { pelaksanaanSwakelolaV3 } from './pelaksanaan-swakelola-v3';
import { suratPesanan } from './surat-pesanan';
import { suratPesananV2 } from './surat-pesanan-v2';
import { suratPesananV3 } from './surat-pesanan-v3';

export const definitions = [
  kontrak,
  kontrakV2,
  kontrakV3,
  kontrakV4,
  suratPesanan,
  suratPesananV2,
  suratPesananV3,
  pelaksanaanSwakelola,
  pelaksanaanSwakelolaV2,
  pelaksanaanSwakelolaV3,
];
