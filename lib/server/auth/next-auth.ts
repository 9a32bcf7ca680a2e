import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authSecret, env } from "../env";
import { authenticateWithPassword } from "./authenticate-password";
import { clientIp } from "./client-ip";

class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

const ZCredentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

const SESSION_HOURS = 8;

// The config is built per request (function form) so that importing this module during
// `next build` reads no environment.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600, updateAge: 15 * 60 },
  useSecureCookies: env().APP_URL.startsWith("https://"),
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticateWithPassword({ ...parsed.data, ip: clientIp(request.headers) });
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignin();
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: string; sessionVersion: number };
        token.uid = u.id;
        token.role = u.role;
        token.sv = u.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, user: { ...session.user, id: token.uid ?? "" } };
    },
  },
}));
