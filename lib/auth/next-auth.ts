import NextAuth, { AuthError, type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { NextRequest } from "next/server";
import { signIn as checkPasswordAndOpenSession } from "@/lib/accounts/credentials";
import { signOut as endSession } from "@/lib/accounts/sessions";
import { appUrl, authSecret } from "@/lib/config";
import { AppError, ValidationError } from "@/lib/errors";
import { requestIo, setSessionCookieIn, type CookieIo } from "@/lib/http/cookie-io";
import { safeNext } from "@/lib/http/safe-next";
import { authJsProvider } from "@/lib/sso/auth-js";
import { isSsoFailure, SsoFailedError, type SsoFailure } from "@/lib/sso/errors";
import { finishSso, SSO_STATE_COOKIE } from "@/lib/sso/flow";
import { CALLBACK_PATH } from "@/lib/sso/providers";
import { resolveProvider } from "@/lib/sso/registry";
import { PENDING_LINK_COOKIE, PENDING_LINK_SECONDS } from "@/lib/sso/sign-in";
import { DEVICE_COOKIE, loadActor, requestMeta, SESSION_COOKIE, SESSION_DAYS } from "./context";

/**
 * next-auth (Auth.js v5) runs the protocol: /api/auth/*, OAuth 2 and OpenID Connect (PKCE, state,
 * nonce, the code exchange), CSRF on its endpoints, Credentials as the entry of password sign-in.
 * Atrium keeps everything else. The seam is callbacks.signIn: it completes the sign-in in Atrium's
 * own services and transaction and returns where to go, so Auth.js never writes a user or a session
 * and there is no adapter. Its "jwt" session strategy is a name only: the session cookie is
 * Atrium's opaque database session (jwt.encode / jwt.decode below). See NEXT-AUTH.md.
 */

const COOKIE_OPTIONS = () => ({ httpOnly: true, sameSite: "lax" as const, path: "/", secure: appUrl().startsWith("https://") });
const sessionHeaders = (token: string) => new Headers({ cookie: `${SESSION_COOKIE}=${token}` });

/** What one request's configuration learned: a password sign-in's session, or why it was refused. */
type RequestState = { session: { token: string; maxAgeSeconds: number } | null; device: { value: string; maxAgeSeconds: number } | null; failure: AppError | null; authError: string | null };

/** The provider a request is about, built fresh (an organization's from the database), or null when it is not set up. */
async function providerFor(key: string): Promise<Provider | null> {
  const resolved = await resolveProvider(key);
  if (!resolved) return null;
  try {
    return await authJsProvider(resolved);
  } catch (error) {
    console.error(`SSO ${key}: discovery failed`, error);
    throw new SsoFailedError("provider");
  }
}

/** callbacks.signIn for a provider: Atrium's attempt cookie, trust rules and transaction (lib/sso). */
async function completeSso(io: CookieIo, providerKey: string, account: { id_token?: string; access_token?: string }, profile: unknown): Promise<string> {
  try {
    const { actor } = await loadActor(io.headers);
    const outcome = await finishSso(actor, providerKey, io.get(SSO_STATE_COOKIE), { idToken: account.id_token, accessToken: account.access_token, profile });
    if (outcome.kind === "signed-in") setSessionCookieIn(io, outcome.session);
    else io.set(PENDING_LINK_COOKIE, outcome.pending, { path: "/", maxAgeSeconds: PENDING_LINK_SECONDS });
    return outcome.redirectTo;
  } catch (error) {
    if (!(error instanceof AppError)) console.error(`SSO callback for ${providerKey} failed`, error);
    return `/sso?error=${error instanceof SsoFailedError ? error.reason : "provider"}`;
  }
}

/** One Auth.js configuration per request: Credentials, plus the one provider the request is about (never a list of organizations'). */
function authConfig(provider: Provider | null, io: CookieIo, state: RequestState): NextAuthConfig {
  // next-auth builds redirect URIs and action URLs from AUTH_URL: Atrium's public origin, never the Host header.
  process.env.AUTH_URL = appUrl();
  const password = Credentials({
    credentials: { email: {}, password: {} },
    async authorize(credentials, request) {
      try {
        const { userId, session, device } = await checkPasswordAndOpenSession({ email: credentials.email, password: credentials.password } as never, requestMeta(request.headers));
        state.session = session;
        state.device = device;
        return { id: userId };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        state.failure = error;
        return null;
      }
    },
  });
  return {
    trustHost: true,
    secret: authSecret(),
    basePath: "/api/auth",
    providers: provider ? [password, provider] : [password],
    pages: { signIn: "/signin", error: "/sso" },
    session: { strategy: "jwt", maxAge: SESSION_DAYS * 86_400 },
    cookies: { sessionToken: { name: SESSION_COOKIE, options: COOKIE_OPTIONS() } },
    jwt: {
      // Only re-sends a session cookie that decode() found; nothing here ever mints a JWT session.
      async encode({ token, salt }) {
        if (salt === SESSION_COOKIE && typeof token?.sid === "string") return token.sid;
        throw new Error("Atrium never issues JWT sessions");
      },
      // auth(), /api/auth/session and sign-out: the same one-query, live-session lookup as every request.
      async decode({ token, salt }) {
        if (salt !== SESSION_COOKIE || !token) return null;
        const viewer = (await loadActor(sessionHeaders(token))).actor.viewer;
        if (viewer?.credential.kind !== "session") return null;
        return { sub: viewer.id, name: viewer.name, email: viewer.email, method: viewer.credential.method, sid: token };
      },
    },
    callbacks: {
      // A string means: redirect there, and Auth.js writes nothing (its login handling never runs).
      async signIn({ account, profile, credentials }) {
        if (account?.provider === "credentials") {
          if (!state.session) return false;
          setSessionCookieIn(io, state.session);
          // The device cookie of lib/accounts' sign-in throttle: this browser's failures count apart from strangers'.
          if (state.device) io.set(DEVICE_COOKIE, state.device.value, { path: "/", maxAgeSeconds: state.device.maxAgeSeconds });
          return safeNext(credentials?.next);
        }
        if (!account || (account.type !== "oidc" && account.type !== "oauth")) return false;
        return completeSso(io, account.provider, account, profile);
      },
      // Never hand the session token to a page.
      session: ({ session, token }) => ({ expires: session.expires, user: { id: token.sub, name: token.name, email: token.email, method: token.method } }) as never,
    },
    events: {
      // POST /api/auth/signout. Atrium's own sign-out action deletes the row first and does not rely on this.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await endSession((await loadActor(sessionHeaders(sid))).actor);
      },
    },
    logger: {
      error(error) {
        state.authError = (error as AuthError).type ?? "unknown";
        const cause = (error as { cause?: { err?: unknown } }).cause?.err;
        // Expected: a refused password, an ended session's cookie, Atrium's own errors.
        if (["CredentialsSignin", "JWTSessionError"].includes((error as AuthError).type) || cause instanceof AppError) return;
        console.error("[auth]", error);
      },
      warn: (code) => console.warn("[auth:warn]", code),
      debug: () => {},
    },
  };
}

/**
 * next-auth for one provider key (null: password only), bound to `io`. Server actions use its
 * signIn(): the lazy NextAuth(req => config) form gets no request there and cannot know the key
 * (NEXT-AUTH.md T4). `failureOf` turns a refused password sign-in back into Atrium's own error.
 */
export async function nextAuthFor(providerKey: string | null, io: CookieIo) {
  const provider = providerKey ? await providerFor(providerKey) : null;
  if (providerKey && !provider) throw new SsoFailedError("unavailable");
  const state: RequestState = { session: null, device: null, failure: null, authError: null };
  return {
    ...NextAuth(authConfig(provider, io, state)),
    /** The type of the Auth.js error this request met (its redirect says only "Configuration" for most). */
    authError: () => state.authError,
    failureOf: (error: unknown) => state.failure ?? ((error as AuthError)?.type === "CredentialsSignin" ? new ValidationError("Email or password is incorrect.") : error),
  };
}

/** The signed-in user as next-auth sees them (id, name, email, method), or null. Authorization stays in lib/authz. */
export async function auth() {
  return (await nextAuthFor(null, requestIo(await headers()))).auth();
}

const PROVIDER_ROUTE = /^\/api\/auth\/(signin|callback)\/([^/]+)$/;

/** Where a failed provider round trip goes: Atrium's SSO page with a reason of its own, never Auth.js's or the provider's text. */
function ssoFailure(reason: SsoFailure) {
  return new Response(null, { status: 302, headers: { location: `${appUrl()}/sso?error=${reason}` } });
}

function reasonOf(res: Response, url: URL, authError: string | null): SsoFailure | null {
  const location = res.headers.get("location");
  const error = location ? new URL(location, appUrl()).searchParams.get("error") : null;
  if (!error || isSsoFailure(error)) return null;
  if (url.searchParams.get("error") === "access_denied") return "cancelled";
  // A missing, forged or foreign state/PKCE/nonce cookie: the attempt is not this browser's, or too old.
  return authError === "InvalidCheck" ? "expired" : "provider";
}

/**
 * /api/auth/* (app/api/auth/[...nextauth]/route.ts). Builds next-auth for the provider named in
 * /api/auth/{signin,callback}/<key>, so an organization's provider works the moment its row exists
 * and one removed mid-flight fails closed. Atrium's cookies are appended to Auth.js's Response.
 */
export async function handleAuthRoute(req: Request): Promise<Response> {
  const request = req instanceof NextRequest ? req : new NextRequest(req);
  const url = new URL(request.url);
  const io = requestIo(request.headers);
  const [, action, key] = url.pathname.match(PROVIDER_ROUTE) ?? [];
  const isProvider = key !== undefined && key !== "credentials";
  // Whatever happens at a callback, the attempt is spent.
  if (isProvider && action === "callback") io.set(SSO_STATE_COOKIE, "", { path: CALLBACK_PATH, maxAgeSeconds: 0 });
  let auth: Awaited<ReturnType<typeof nextAuthFor>>;
  try {
    auth = await nextAuthFor(isProvider ? key : null, io);
  } catch (error) {
    if (error instanceof SsoFailedError) return io.apply(ssoFailure(error.reason));
    throw error;
  }
  const res = await (request.method === "POST" ? auth.handlers.POST(request) : auth.handlers.GET(request));
  const reason = isProvider ? reasonOf(res, url, auth.authError()) : null;
  return io.apply(reason ? ssoFailure(reason) : res);
}
