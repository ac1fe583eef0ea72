// The framework ceiling for `npm run bench`: no database, no session, constant JSON.
export const GET = () => Response.json({ ok: true });
