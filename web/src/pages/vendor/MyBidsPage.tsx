// Placeholder: being built.
export default function MyBidsPage() {
  return <div className="page"><h1>MyBidsPage</h1></div>;
}
