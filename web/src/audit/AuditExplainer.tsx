/** What the browser's check proves and what it does not, in plain Indonesian (shown under every result). */
export function AuditExplainer() {
  return (
    <section aria-labelledby="penjelasan">
      <h2 id="penjelasan">Apa arti hasil ini</h2>
      <div className="audit-explain">
        <div>
          <h3>Yang dibuktikan</h3>
          <ul>
            <li>
              Setiap entri paket dihitung ulang di peramban Anda (SHA-256, WebCrypto) dari isinya: waktu, peristiwa, tahap, peran dan rujukan pelaku, serta hash
              data langkahnya. Bila satu kolom diubah sesudah dicatat, hash-nya tidak cocok lagi.
            </li>
            <li>
              Setiap paket punya rantainya sendiri: tiap entri memuat hash entri paket sebelumnya. Entri paket disambungkan satu per satu dari awal rantainya,
              lalu kepalanya dicocokkan dengan jangkar berkala yang mencatat kepala semua paket dan menyambung sampai jangkar terakhir. Entri tidak dapat
              dihapus, disisipkan atau ditukar tanpa memutus sambungan itu. (Entri format lama, sebelum rantai per paket, disambungkan lewat rantai bersama
              semua paket sampai entri lama terakhir.)
            </li>
            <li>Hasilnya tidak bergantung pada perhitungan server: server hanya mengirim data, peramban Anda yang memeriksa.</li>
          </ul>
        </div>
        <div>
          <h3>Yang tidak dibuktikan</h3>
          <ul>
            <li>
              Bahwa rantai tidak dipotong di ujungnya: pemeriksaan ini hanya sampai kepala yang dikirim server. Catat hash kepala di atas, atau bandingkan
              dengan hash kepala yang diterbitkan di tempat lain (pengumuman, situs lain, catatan pemeriksa). Kalau kepala yang diterbitkan sebelumnya tidak
              lagi ada di rantai, ada entri yang hilang.
            </li>
            <li>
              Siapa pelakunya: id pejabat tidak dipublikasikan. Rujukan pelaku adalah hash dari garam acak per entri dan id pelaku; hanya pemeriksa yang
              memegang garamnya (APIP, admin) yang dapat mencocokkannya dengan orangnya.
            </li>
            <li>
              Isi langkah: jejak hanya menyimpan hash datanya. Pemegang data (misalnya dokumen yang diumumkan) dapat membuktikan kecocokannya, tetapi data itu
              sendiri tidak ada di sini.
            </li>
            <li>
              Langkah tersegel: entri pengajuan dan penarikan penawaran tidak ditampilkan pada paket sampai pembukaan penawaran, supaya jumlah penawaran tidak
              dapat diketahui. Entri itu tetap ada di rantai tanpa isi dan tanpa nama paket (hanya hash-nya). Selama itu setiap entri paket hanya dihitung
              ulang: sambungan antarentri paket (yang akan menghitung entri tersembunyi) baru ditampilkan dan diperiksa sesudah pembukaan, bersama entri
              penawarannya. Karena itu nomor urut peristiwa paket juga hanya ditampilkan sebagai hash bergaram: celah pada nomor urut akan menghitung entri yang
              disembunyikan.
            </li>

            <li>
              Entri format lama (sebelum rujukan pelaku diperkenalkan) mencakup id pelaku, jadi hanya sambungannya yang diperiksa di sini; pemeriksaan
              lengkapnya dilakukan auditor di server.
            </li>
            <li>Bagian rantai sebelum entri pertama paket ini tidak diperiksa di sini (auditor memeriksa seluruh rantai dari awal).</li>
          </ul>
        </div>
      </div>
    </section>
  );
}
