// Placeholder: being built.
export default function OpenTendersPage() {
  return <div className="page"><h1>OpenTendersPage</h1></div>;
}
