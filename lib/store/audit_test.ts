import assert from "node:assert/strict";
import { setConfigForTesting } from "../config.ts";
import { appendAudit, listAudit } from "./audit.ts";
import { closeKv } from "./kv.ts";

Deno.test("[store] listAudit hides records past retention (KV expiry is lazy)", async () => {
  setConfigForTesting({ KV_PATH: ":memory:", RETENTION_DAYS: 1, LOG_LEVEL: "silent" });
  try {
    const record = {
      user_id: "alice",
      run_id: "run",
      call_id: "call",
      tool: "add_task",
      arguments: { title: "x" },
      outcome: "ok" as const,
      duration_ms: 1,
    };
    await appendAudit({ ...record, at: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    const fresh = await appendAudit({ ...record, at: new Date().toISOString() });
    assert.deepEqual((await listAudit("alice")).map((item) => item.id), [fresh.id]);
  } finally {
    await closeKv();
  }
});
