import { NextResponse, type NextRequest } from "next/server";

// A coarse gate only: visitors without a session cookie are sent to the sign-in page.
// Every page, action and API route still checks identity and permission itself.
// "/act/": approve / reject links from e-mails; the signed single-use token is the credential.
const PUBLIC_PREFIXES = ["/login", "/api/", "/_next/", "/favicon", "/act/"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

// /api/ is left out of the matcher, not only let through: every API call would otherwise pay
// for a proxy invocation (and Next copying the request body so the proxy could read it).
export const config = { matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"] };
