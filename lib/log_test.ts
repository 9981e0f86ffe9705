import assert from "node:assert/strict";
import { redactUrl } from "./log.ts";

Deno.test("[log] redactUrl hides tokens in query strings and keeps the rest", () => {
  assert.equal(
    redactUrl("http://x.test/ws/u1/chat?token=eyJ.abc.def&other=1"),
    "/ws/u1/chat?token=%5Bredacted%5D&other=1",
  );
  assert.equal(redactUrl("http://x.test/a?access_token=s3cret"), "/a?access_token=%5Bredacted%5D");
  assert.equal(redactUrl("http://x.test/a?b=c"), "/a?b=c");
});
