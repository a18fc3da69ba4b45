// Placeholder: being built.
export default function SignInPage() {
  return <div className="page"><h1>SignInPage</h1></div>;
}
