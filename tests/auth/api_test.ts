import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { SignJWT, UnsecuredJWT } from "jose";
import { LOGIN_FAILURE_LIMIT, setFirstLockForTesting } from "../../lib/store/throttle.ts";
import { TEST_JWT_SECRET, withTestApp } from "../helpers/test_app.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = await response.json();
  assert.equal(typeof body.error.code, "string");
  assert.equal(typeof body.error.message, "string");
  assert.ok(!/\bat .*\.ts:\d+/.test(body.error.message), "no stack trace in a response");
  return body.error;
}

Deno.test(
  { name: "[auth api] register: 201 with user, token and cookie; 400; 409", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const ok = await app.api(null, "POST", "/api/auth/register", {
        email: "Ada@Example.test",
        password: "correct horse battery",
        name: "Ada",
        is_admin: true, // unknown fields are ignored
      });
      assert.equal(ok.status, 201);
      const body = await ok.json();
      assert.deepEqual(Object.keys(body).sort(), ["token", "user"]);
      assert.deepEqual(Object.keys(body.user).sort(), ["email", "id", "name"]);
      assert.equal(body.user.email, "ada@example.test");
      assert.equal(body.user.name, "Ada");
      assert.equal(body.token.split(".").length, 3);
      const cookie = ok.headers.get("set-cookie") ?? "";
      assert.match(cookie, /^auth_token=[\w-]+\.[\w-]+\.[\w-]+; /);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Lax/);
      assert.match(cookie, /; Path=\//);
      assert.match(cookie, /; Max-Age=86400/);
      assert.doesNotMatch(cookie, /Secure/, "not over plain http");

      const taken = await app.api(null, "POST", "/api/auth/register", {
        email: "ADA@example.TEST",
        password: "another password",
      });
      assert.equal(taken.status, 409);
      assert.equal((await errorOf(taken)).code, "email_taken");

      for (
        const bad of [
          { email: "short@example.test", password: "1234567" },
          { email: "long@example.test", password: "x".repeat(257) },
          { email: "not an email", password: "long enough" },
          { password: "long enough" },
          [],
        ]
      ) {
        const response = await app.api(null, "POST", "/api/auth/register", bad);
        assert.equal(response.status, 400, JSON.stringify(bad));
        assert.equal((await errorOf(response)).code, "invalid_request");
      }
    }),
);

Deno.test(
  { name: "[auth api] Secure cookie over https", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const body = (email: string) => JSON.stringify({ email, password: "correct horse battery" });
      const response = await app.handler(
        new Request("https://taskstream.test/api/auth/register", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: body("s@example.test"),
        }),
      );
      assert.equal(response.status, 201);
      assert.match(response.headers.get("set-cookie") ?? "", /; Secure/);
      await response.body?.cancel();
      const proxied = await app.fetch("/api/auth/register", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
        body: body("p@example.test"),
      });
      assert.equal(proxied.status, 201);
      assert.match(proxied.headers.get("set-cookie") ?? "", /; Secure/, "behind a TLS proxy");
      await proxied.body?.cancel();
    }),
);

Deno.test(
  { name: "[auth api] login: 200; wrong password and unknown email the same 401", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const ok = await app.api(null, "POST", "/api/auth/login", {
        email: user.email.toUpperCase(),
        password: user.password,
      });
      assert.equal(ok.status, 200);
      const body = await ok.json();
      assert.equal(body.user.id, user.id);
      assert.notEqual(body.token, user.token);
      assert.match(
        ok.headers.get("set-cookie") ?? "",
        /^auth_token=.+; HttpOnly; SameSite=Lax; Path=\//,
      );

      const wrong = await app.api(null, "POST", "/api/auth/login", {
        email: user.email,
        password: "wrong password",
      });
      const unknown = await app.api(null, "POST", "/api/auth/login", {
        email: "nobody@example.test",
        password: "wrong password",
      });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(await errorOf(wrong), await errorOf(unknown));
      const malformed = await app.api(null, "POST", "/api/auth/login", { email: user.email });
      assert.equal(malformed.status, 400);
      await malformed.body?.cancel();
    }),
);

Deno.test(
  { name: "[auth api] login throttle: 429 with a growing Retry-After", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const attempt = (password: string) =>
        app.api(null, "POST", "/api/auth/login", { email: user.email, password });
      for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
        const response = await attempt("wrong password");
        assert.equal(response.status, 401, `failure ${i + 1}`);
        await response.body?.cancel();
      }
      const locked = await attempt(user.password);
      assert.equal(locked.status, 429);
      assert.equal((await errorOf(locked)).code, "too_many_requests");
      const first = Number(locked.headers.get("retry-after"));
      assert.ok(first > 0 && first <= 60, `Retry-After ${first}`);

      // After the lock ends, five more failures lock it for longer.
      const clock = FakeTimers.withGlobal(globalThis).install({
        toFake: ["Date"],
        now: Date.now(),
      });
      try {
        clock.tick((first + 1) * 1000);
        for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
          const response = await attempt("wrong password");
          assert.equal(response.status, 401, `second round, failure ${i + 1}`);
          await response.body?.cancel();
        }
        const again = await attempt(user.password);
        assert.equal(again.status, 429);
        await again.body?.cancel();
        const second = Number(again.headers.get("retry-after"));
        assert.ok(second > first, `Retry-After grows: ${first} then ${second}`);
      } finally {
        clock.uninstall();
      }
    }),
);

Deno.test(
  { name: "[auth api] login throttle: 20 parallel guesses get at most 5 answers", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const lockMs = 1_500;
      setFirstLockForTesting(lockMs);
      const user = await app.register();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => app.login(user.email, `wrong password ${i}`)),
      );
      const lockedAt = Date.now();
      const statuses = responses.map((response) => response.status);
      const answered = responses.filter((response) => response.status === 401);
      const refused = responses.filter((response) => response.status === 429);
      assert.ok(answered.length <= LOGIN_FAILURE_LIMIT, statuses.join(","));
      assert.ok(answered.length >= 1, statuses.join(","));
      assert.equal(answered.length + refused.length, 20, statuses.join(","));
      for (const response of answered) {
        assert.equal((await errorOf(response)).code, "unauthenticated");
      }
      for (const response of refused) {
        assert.equal((await errorOf(response)).code, "too_many_requests");
        const retryAfter = Number(response.headers.get("retry-after"));
        assert.ok(retryAfter >= 1 && retryAfter <= Math.ceil(lockMs / 1000), `${retryAfter}`);
      }

      const right = await app.login(user.email, user.password);
      assert.equal(right.status, 429, "the right password waits for the lock too");
      assert.ok(Number(right.headers.get("retry-after")) >= 1);
      assert.equal((await errorOf(right)).code, "too_many_requests");

      await new Promise((resolve) => setTimeout(resolve, lockedAt + lockMs + 50 - Date.now()));
      const after = await app.login(user.email, user.password);
      assert.equal(after.status, 200, "the lock has ended");
      assert.equal((await after.json()).user.id, user.id);
    }),
);

Deno.test(
  { name: "[auth api] me: 200 with bearer or cookie, 401 without", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const bearer = await app.api(user, "GET", "/api/auth/me");
      assert.equal(bearer.status, 200);
      assert.deepEqual((await bearer.json()).user, {
        id: user.id,
        email: user.email,
        name: user.email.split("@")[0],
      });
      const cookie = await app.fetch("/api/auth/me", {
        headers: { cookie: `a=b; ${user.cookie}` },
      });
      assert.equal(cookie.status, 200);
      await cookie.body?.cancel();
      const none = await app.fetch("/api/auth/me");
      assert.equal(none.status, 401);
      assert.equal((await errorOf(none)).code, "unauthenticated");
      const garbage = await app.fetch("/api/auth/me", {
        headers: { authorization: "Bearer x.y.z" },
      });
      assert.equal(garbage.status, 401);
      await garbage.body?.cancel();
    }),
);

Deno.test({
  name: "[auth api] forged tokens: alg none, wrong key, expired, revoked → 401",
  ...opts,
}, () =>
  withTestApp({}, async (app) => {
    const user = await app.register();
    const now = Math.floor(Date.now() / 1000);
    const sign = (secret: string, exp: number) =>
      new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(user.id).setJti("forged")
        .setIssuedAt(now - 100).setExpirationTime(exp).sign(new TextEncoder().encode(secret));
    const none = new UnsecuredJWT({}).setSubject(user.id).setJti("forged").setIssuedAt(now)
      .setExpirationTime(now + 3600).encode();
    const forged = [
      none,
      await sign("x".repeat(40), now + 3600),
      await sign(TEST_JWT_SECRET, now - 120),
    ];
    const logout = await app.api(user, "POST", "/api/auth/logout");
    assert.equal(logout.status, 204);
    forged.push(user.token);
    for (const token of forged) {
      for (const path of ["/api/auth/me", `/api/${user.id}/tasks`]) {
        const response = await app.fetch(path, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(response.status, 401, `${path} accepted ${token.slice(0, 24)}…`);
        assert.equal((await errorOf(response)).code, "unauthenticated");
      }
    }
    const viaCookie = await app.fetch(`/api/${user.id}/tasks`, {
      headers: { cookie: user.cookie },
    });
    assert.equal(viaCookie.status, 401, "the revoked token is refused as a cookie too");
    await viaCookie.body?.cancel();
  }));

Deno.test(
  { name: "[auth api] logout: 204, cookie cleared, token revoked", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const response = await app.fetch("/api/auth/logout", {
        method: "POST",
        headers: { cookie: user.cookie },
      });
      assert.equal(response.status, 204);
      const cleared = response.headers.get("set-cookie") ?? "";
      assert.match(cleared, /^auth_token=; /);
      assert.match(cleared, /Max-Age=0/);
      assert.match(cleared, /HttpOnly/);
      const me = await app.api(user, "GET", "/api/auth/me");
      assert.equal(me.status, 401);
      await me.body?.cancel();
      const again = await app.fetch("/api/auth/logout", { method: "POST" });
      assert.equal(again.status, 204, "logging out without a session is harmless");
    }),
);

Deno.test(
  { name: "[auth api] cross-site writes are 403; unknown API paths are JSON 404", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const crossSite = await app.fetch("/api/auth/logout", {
        method: "POST",
        headers: { cookie: user.cookie, origin: "https://evil.example" },
      });
      assert.equal(crossSite.status, 403);
      assert.equal((await errorOf(crossSite)).code, "forbidden");
      const missing = await app.api(user, "GET", "/api/nothing/here/at/all");
      assert.equal(missing.status, 404);
      assert.equal((await errorOf(missing)).code, "not_found");
      const method = await app.api(user, "PUT", "/api/auth/me", {});
      assert.equal(method.status, 405);
      assert.equal((await errorOf(method)).code, "method_not_allowed");
    }),
);
