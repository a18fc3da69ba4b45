import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <div className="page">
      <h1>Halaman tidak ditemukan</h1>
      <p>
        Alamat ini tidak ada di konsol. <Link to="/tugas">Kembali ke Tugas saya</Link>.
      </p>
    </div>
  );
}
