// Any unknown address: a French 404 page, rendered by the root ErrorBoundary.
export async function loader() {
  throw new Response("Page introuvable", { status: 404 });
}

export default function NotFound() {
  return null;
}
