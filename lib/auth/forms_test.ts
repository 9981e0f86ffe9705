import assert from "node:assert/strict";
import { z } from "zod";
import { DEFAULT_AFTER_LOGIN, parseFormFields, redirectToLogin, safeNext } from "./forms.ts";

Deno.test("[forms] safeNext keeps same-site paths and refuses the rest", () => {
  assert.equal(safeNext("/tasks?status=pending"), "/tasks?status=pending");
  for (
    const bad of [null, "", "tasks", "//evil.example/x", "/\\evil.example", "https://evil.example"]
  ) {
    assert.equal(safeNext(bad), DEFAULT_AFTER_LOGIN, String(bad));
  }
});

Deno.test("[forms] parseFormFields gives the first message per field", () => {
  const schema = z.object({ email: z.email("email must be valid"), password: z.string().min(8) });
  const form = new FormData();
  form.set("email", "nope");
  form.set("password", "short");
  const result = parseFormFields(schema, form);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.errors.email, "Email must be valid");
    assert.ok(result.errors.password);
  }
  form.set("email", "a@example.test");
  form.set("password", "long enough");
  assert.deepEqual(parseFormFields(schema, form), {
    ok: true,
    data: { email: "a@example.test", password: "long enough" },
  });
});

Deno.test("[forms] redirectToLogin sends a 303 to /login that comes back to the path", () => {
  const response = redirectToLogin(new URL("http://localhost/chat/01J0000000000000000000000?x=1"));
  assert.equal(response.status, 303);
  assert.equal(
    response.headers.get("location"),
    "/login?next=%2Fchat%2F01J0000000000000000000000",
  );
  assert.equal(
    safeNext(
      new URL(response.headers.get("location")!, "http://localhost").searchParams.get("next"),
    ),
    "/chat/01J0000000000000000000000",
  );
});
