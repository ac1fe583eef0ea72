import { json } from "@/lib/http/api";

/** Any /api/v1 path no route serves: the JSON 404 of every API error (DESIGN §7), never an HTML page. */
const notFound = () => json({ error: { code: "not_found", message: "No such API route." } }, 404);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as HEAD, notFound as OPTIONS };
