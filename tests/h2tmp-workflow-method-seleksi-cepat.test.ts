// TEMPORARY (helper H2, deleted after the run): workflow-method-seleksi-cepat with the tender family starting after H1's preparation prefix.
import { listProcurementDefinitions } from '../workflows/definitions';
const starts: Record<string, string> = { 'tender-pasca-1file': 'announcement', 'tender-pasca-2file': 'announcement', 'tender-cepat': 'announcement', 'tender-prakualifikasi': 'pq_announcement', seleksi: 'pq_announcement' };
for (const d of listProcurementDefinitions()) if (starts[d.id]) (d as { start: string }).start = starts[d.id]!;
require('./workflow-method-seleksi-cepat.test');
