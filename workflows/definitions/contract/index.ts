/**
 * The E-Kontrak definitions: the child processes that awarding packages start (callActivity). Every version of a
 * definition stays here: a running contract keeps the version it started with, and its views and steps read it.
 */
import { kontrak } from './kontrak';
import { kontrakV2 } from './kontrak-v2';
import { pelaksanaanSwakelola } from './pelaksanaan-swakelola';
import { suratPesanan } from './surat-pesanan';

export const definitions = [kontrak, kontrakV2, suratPesanan, pelaksanaanSwakelola];
