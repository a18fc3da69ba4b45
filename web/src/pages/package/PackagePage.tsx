// Placeholder: being built.
export default function PackagePage() {
  return <div className="page"><h1>PackagePage</h1></div>;
}
