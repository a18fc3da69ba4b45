// Placeholder: being built.
export default function ContractPage() {
  return <div className="page"><h1>ContractPage</h1></div>;
}
