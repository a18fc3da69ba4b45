/** The E-Kontrak definitions: the child processes that awarding packages start (callActivity). */
import { kontrak } from './kontrak';
import { pelaksanaanSwakelola } from './pelaksanaan-swakelola';
import { suratPesanan } from './surat-pesanan';

export const definitions = [kontrak, suratPesanan, pelaksanaanSwakelola];
