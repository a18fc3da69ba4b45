// Placeholder: being built.
export default function NotificationsPage() {
  return <div className="page"><h1>NotificationsPage</h1></div>;
}
