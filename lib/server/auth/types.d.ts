// Fields Arbiter keeps in the session JWT. Only ids and a version travel in the token;
// the user's role and status are always read from the database.
import "@auth/core/jwt";
import "next-auth";

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: string;
    sv?: number;
  }
}

declare module "next-auth" {
  interface Session {
    uid?: string;
    sv?: number;
  }
}
