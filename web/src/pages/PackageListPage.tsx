// Placeholder: being built.
export default function PackageListPage() {
  return <div className="page"><h1>PackageListPage</h1></div>;
}
