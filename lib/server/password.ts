import "server-only";
import { hash, verify } from "@node-rs/argon2";

// 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2ID = 2;

// argon2id with OWASP's recommended minimums (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps the response time the same,
// so timing does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("arbiter-timing-equaliser");
  return dummyHash;
}
