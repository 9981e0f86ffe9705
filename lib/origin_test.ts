import assert from "node:assert/strict";
import { isOriginAllowed } from "./origin.ts";

const request = (origin?: string) =>
  new Request("http://127.0.0.1:8000/login", {
    method: "POST",
    headers: origin ? { origin, host: "127.0.0.1:8000" } : { host: "127.0.0.1:8000" },
  });

Deno.test("[origin] accepts no Origin, our own host and ALLOWED_ORIGINS; refuses the rest", () => {
  const allowed = ["https://app.example"];
  assert.equal(isOriginAllowed(request(), allowed), true);
  assert.equal(isOriginAllowed(request("http://127.0.0.1:8000"), allowed), true);
  assert.equal(isOriginAllowed(request("https://app.example"), allowed), true);
  assert.equal(isOriginAllowed(request("https://app.example:444"), allowed), false);
  assert.equal(isOriginAllowed(request("https://evil.example"), allowed), false);
  assert.equal(isOriginAllowed(request("null"), allowed), false);
  assert.equal(isOriginAllowed(request("not a url"), allowed), false);
});
