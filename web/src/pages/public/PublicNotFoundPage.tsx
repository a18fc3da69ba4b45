import { Link } from 'react-router';

/** An address under /publik that does not exist: stays in the public frame, offers the way back to the search. */
export default function PublicNotFoundPage() {
  return (
    <div className="page">
      <h1>Halaman tidak ditemukan</h1>
      <p>
        Alamat ini tidak ada di portal publik. <Link to="/publik">Kembali ke pencarian paket</Link>.
      </p>
    </div>
  );
}
