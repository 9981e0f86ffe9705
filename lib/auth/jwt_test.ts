import assert from "node:assert/strict";
import { decodeProtectedHeader, SignJWT, UnsecuredJWT } from "jose";
import { setConfigForTesting } from "../config.ts";
import { closeKv } from "../store/kv.ts";
import { CLOCK_TOLERANCE_SECONDS, issueToken, TOKEN_TTL_SECONDS, verifyToken } from "./jwt.ts";

const SECRET = "jwt-test-secret-0123456789abcdef0123456789";
const key = new TextEncoder().encode(SECRET);

function configureSecret(secret: string | undefined) {
  setConfigForTesting({ KV_PATH: ":memory:", JWT_SECRET: secret, LOG_LEVEL: "silent" });
}

async function sign(claims: { sub?: string; jti?: string; iat?: number; exp?: number }) {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: "HS256" });
  if (claims.sub) jwt.setSubject(claims.sub);
  if (claims.jti) jwt.setJti(claims.jti);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return await jwt.sign(key);
}

Deno.test("[jwt] issues HS256 tokens with sub, iat, exp (24 h) and jti that verify", async () => {
  configureSecret(SECRET);
  const issued = await issueToken({ id: "user-1" });
  assert.equal(decodeProtectedHeader(issued.token).alg, "HS256");
  const claims = await verifyToken(issued.token);
  assert.deepEqual(claims, { userId: "user-1", jti: issued.jti, expiresAt: issued.expiresAt });
  const lifetime = issued.expiresAt - Date.now();
  assert.ok(Math.abs(lifetime - TOKEN_TTL_SECONDS * 1000) < 5000);
  assert.notEqual((await issueToken({ id: "user-1" })).jti, issued.jti);
});

Deno.test("[jwt] rejects alg none, other algorithms, wrong keys, tampering, garbage", async () => {
  configureSecret(SECRET);
  const now = Math.floor(Date.now() / 1000);
  const none = new UnsecuredJWT({ jti: "j" }).setSubject("user-1").setIssuedAt(now)
    .setExpirationTime(now + 3600).encode();
  const wrongKey = await new SignJWT({ jti: "j" }).setProtectedHeader({ alg: "HS256" })
    .setSubject("user-1").setIssuedAt(now).setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode("x".repeat(40)));
  const hs512 = await new SignJWT({ jti: "j" }).setProtectedHeader({ alg: "HS512" })
    .setSubject("user-1").setIssuedAt(now).setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(SECRET.repeat(2)));
  const good = (await issueToken({ id: "user-1" })).token;
  const [h, p, s] = good.split(".");
  const otherPayload = btoa(JSON.stringify({ sub: "user-2", jti: "x", iat: now, exp: now + 99 }))
    .replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  for (
    const token of [none, wrongKey, hs512, `${h}.${otherPayload}.${s}`, `${h}.${p}.`, "", "a.b.c"]
  ) {
    assert.equal(await verifyToken(token), null, token);
  }
  assert.notEqual(p, otherPayload);
});

Deno.test("[jwt] exp is checked with at most 60 s of skew; every claim is required", async () => {
  configureSecret(SECRET);
  const now = Math.floor(Date.now() / 1000);
  const base = { sub: "user-1", jti: "j1", iat: now - 3600 };
  assert.equal(await verifyToken(await sign({ ...base, exp: now - 120 })), null);
  assert.equal(
    await verifyToken(await sign({ ...base, exp: now - CLOCK_TOLERANCE_SECONDS - 2 })),
    null,
  );
  assert.ok(await verifyToken(await sign({ ...base, exp: now - 30 })), "within the skew");
  assert.equal(await verifyToken(await sign({ ...base, jti: undefined, exp: now + 60 })), null);
  assert.equal(await verifyToken(await sign({ ...base, sub: undefined, exp: now + 60 })), null);
  assert.equal(await verifyToken(await sign({ ...base, iat: undefined, exp: now + 60 })), null);
  assert.equal(await verifyToken(await sign({ sub: "u", jti: "j" })), null, "no exp");
  assert.equal(
    await verifyToken(await sign({ ...base, iat: now + 3600, exp: now + 7200 })),
    null,
    "issued in the future",
  );
});

Deno.test("[jwt] without JWT_SECRET a key is generated once and kept in KV", async () => {
  configureSecret(undefined);
  try {
    const token = (await issueToken({ id: "user-1" })).token;
    assert.ok(await verifyToken(token));
    // A new handle on the same store would find the same key; a new store has another one.
    await closeKv();
    configureSecret(undefined);
    assert.equal(await verifyToken(token), null);
    configureSecret(SECRET);
    assert.equal(await verifyToken(token), null, "the generated key is not JWT_SECRET");
  } finally {
    await closeKv();
  }
});

Deno.test("[jwt] the generated key survives a restart on a KV file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jwt-test-" });
  try {
    setConfigForTesting({ KV_PATH: `${dir}/a.kv`, JWT_SECRET: undefined, LOG_LEVEL: "silent" });
    const token = (await issueToken({ id: "user-1" })).token;
    await closeKv();
    assert.equal((await verifyToken(token))?.userId, "user-1");
  } finally {
    await closeKv();
    await Deno.remove(dir, { recursive: true });
  }
});
