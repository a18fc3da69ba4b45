/**
 * Data terbuka (/publik/data-terbuka): where the open data is and what it is — the OCDS 1.1.5 publication
 * (/api/ocds, no token, CORS from any origin) with the yearly bulk export of every fiscal year that has packages, the
 * public API and its OpenAPI document, the licence and the publisher. All of it from GET /api/public/open-data: no
 * package is read to name the licence or to know which years exist.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { local } from '../../components/public/OpenDataLinks';
import { OpenDataNotice } from '../../components/public/OpenDataNotice';
import { openDataQuery } from '../../components/public/queries';

export default function OpenDataPage() {
  const meta = useQuery(openDataQuery());
  useEffect(() => {
    document.title = 'Data terbuka — Portal Publik Pengadaan';
  }, []);
  return (
    <div className="page">
      <h1>Data terbuka</h1>
      <p className="lead">
        Setiap fakta yang diumumkan tentang paket pengadaan juga tersedia sebagai data terbuka dalam{' '}
        <a href="https://standard.open-contracting.org/1.1/en/">Open Contracting Data Standard (OCDS) 1.1.5</a>, tanpa perlu masuk dan dapat dibaca dari situs
        mana pun (CORS).
      </p>
      {meta.data && <OpenDataNotice data={meta.data} />}
      {meta.isPending && <p className="muted">Memuat lisensi, penerbit dan tahun anggaran…</p>}
      {meta.isError && <ErrorAlert error={meta.error} title="Keterangan data terbuka tidak dapat dimuat" />}

      <section aria-labelledby="ekspor">
        <h2 id="ekspor">Unduhan per tahun anggaran</h2>
        {meta.data && !meta.data.years.length && <p className="muted">Belum ada paket yang diumumkan.</p>}
        {meta.data && meta.data.years.length > 0 && (
          <div className="table-scroll">
            <table className="open-data-years">
              <caption>Ekspor massal OCDS per tahun anggaran, terbaru di atas (satu berkas JSON per unduhan)</caption>
              <thead>
                <tr>
                  <th scope="col">Tahun anggaran</th>
                  <th scope="col" className="num">
                    Paket
                  </th>
                  <th scope="col">Paket rilis (setiap perubahan yang diumumkan)</th>
                  <th scope="col">Paket rekaman (satu rekaman terkompilasi per paket)</th>
                </tr>
              </thead>
              <tbody>
                {meta.data.years.map((y) => (
                  <tr key={y.fiscalYear}>
                    <th scope="row">{y.fiscalYear}</th>
                    <td className="num">{y.packages.toLocaleString('id-ID')}</td>
                    <td>
                      <a href={local(y.bulkExport.releases)} type="application/json">
                        Paket rilis OCDS tahun anggaran {y.fiscalYear}
                      </a>
                    </td>
                    <td>
                      <a href={local(y.bulkExport.records)} type="application/json">
                        Paket rekaman OCDS tahun anggaran {y.fiscalYear}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="api">
        <h2 id="api">Antarmuka data</h2>
        <div className="table-scroll">
          <table>
            <caption>Alamat data terbuka (tanpa token, JSON)</caption>
            <thead>
              <tr>
                <th scope="col">Alamat</th>
                <th scope="col">Isi</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  <code>/api/ocds/releases?packageId=…</code>
                </td>
                <td>Paket rilis satu paket pengadaan (halaman; header Link dan X-Total-Count)</td>
              </tr>
              <tr>
                <td>
                  <code>/api/ocds/records/{'{ocid}'}</code>
                </td>
                <td>Paket rekaman satu proses: semua rilis, rilis terkompilasi, rilis berversi</td>
              </tr>
              <tr>
                <td>
                  <code>/api/ocds/export/{'{tahun}'}</code>
                </td>
                <td>
                  Semua rilis (atau rekaman, <code>?kind=records</code>) satu tahun anggaran dalam satu berkas
                </td>
              </tr>
              <tr>
                <td>
                  <code>/api/public/open-data</code>
                </td>
                <td>Lisensi, penerbit, kebijakan publikasi, dan tahun anggaran yang berdata dengan tautan ekspornya</td>
              </tr>
              <tr>
                <td>
                  <code>/api/public/packages</code>
                </td>
                <td>Daftar paket dengan filter yang sama dengan halaman pencarian</td>
              </tr>
              <tr>
                <td>
                  <a href="/openapi.json">/openapi.json</a>
                </td>
                <td>Dokumen OpenAPI 3.1 seluruh antarmuka</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
