/**
 * For the complaint tests: a package created over HTTP and taken through the preparation when its definition has one
 * (issue 13: the head of the UKPBJ assigns the Pokja, the Pokja records the Reviu DPP, the PPK co-signs), up to the
 * announcement. Without a preparation (a PPK names the Pokja at creation) it only creates.
 */
import { type Api, expectStatus } from './tender-http-driver';

export async function createPrepared(http: Api, body: Record<string, unknown>, started: string[] = []): Promise<string> {
  const ppk = http.as('ppk.budi');
  let created = await ppk.createPackage(body);
  const members = (body.pokja as string[] | undefined) ?? ['pokja.sari', 'pokja.agus', 'pokja.dewi'];
  if (created.status === 422 && JSON.stringify(created.body).includes('kepalaUkpbj')) {
    const { pokja: _p, ...rest } = body;
    created = await ppk.createPackage({ ...rest, kepalaUkpbj: 'ukpbj.ratna' });
  }
  const id = expectStatus(created, 201).body.id;
  started.push(id);
  let stage = created.body.live?.stage.id;
  if (stage === 'officer_assignment') {
    await http.as('ukpbj.ratna').do(id, 'assign_officers', { letterNumber: `ST-${id.slice(4, 10)}`, members });
    stage = (await http.waitForStage(id, ['dpp_review', 'announcement'], 60_000)).live!.stage.id;
  }
  if (stage === 'dpp_review') {
    await http.as(members[0]!).do(id, 'review_dpp', { result: 'sesuai', notes: 'Spesifikasi, HPS dan rancangan kontrak sudah sesuai.' });
    await ppk.do(id, 'cosign_dpp_review', {});
  }
  await http.waitForStage(id, 'announcement', 60_000);
  return id;
}

/** A Tender Cepat body (no sanggah in the method) for `fiscalYear`. */
export function tenderCepatBody(title: string, fiscalYear: number): Record<string, unknown> {
  return {
    title,
    opd: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
    workUnit: 'Bidang Sarana dan Prasarana',
    category: 'barang',
    method: 'tender-cepat',
    pagu: 500_000_000,
    hps: 500_000_000,
    fiscalYear,
    paKpa: 'kpa.hendra',
    pokja: ['pokja.sari', 'pokja.agus', 'pokja.dewi'],
  };
}
