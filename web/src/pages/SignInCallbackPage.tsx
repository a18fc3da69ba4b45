// Placeholder: being built.
export default function SignInCallbackPage() {
  return <div className="page"><h1>SignInCallbackPage</h1></div>;
}
