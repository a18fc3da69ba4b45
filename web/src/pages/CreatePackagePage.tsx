// Placeholder: being built.
export default function CreatePackagePage() {
  return <div className="page"><h1>CreatePackagePage</h1></div>;
}
