/**
 * The runs list: filters (status, kind, tag, creator, archived, deleted), newest or oldest first,
 * by a summary metric (only runs reporting it, ties broken by id), and keyset pages that visit
 * every run exactly once whatever the order.
 */
import { describe, expect, it } from "vitest";
import type { RunSummary } from "@/lib/runs/queries";
import { archiveRun, deleteRun } from "@/lib/runs/actions";
import { listRuns } from "@/lib/runs/list";
import { createRuns } from "@/lib/runs/service";
import type { OrgActor } from "@/lib/auth/context";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { runsFixture } from "../../support/runs";

useFreshDatabase();

async function all(actor: OrgActor, query: Record<string, string>, limit = 4): Promise<RunSummary[]> {
  const out: RunSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRuns(actor, "vision", { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const numbers = (list: RunSummary[]) => list.map((r) => r.number);

describe("runs: the list", () => {
  it("filters, sorts and pages", async () => {
    const f = await runsFixture();
    const member = await f.actor(f.people.member);
    const writer = await f.actor(f.people.writer);
    // 1–12: metric = number % 5 / 10 (ties), every third a job, even ones tagged "even", 11 and 12 without a metric.
    await createRuns(member, "vision", {
      runs: Array.from({ length: 10 }, (_, i) => ({
        name: `r${i + 1}`,
        kind: (i + 1) % 3 === 0 ? ("job" as const) : ("experiment" as const),
        tags: (i + 1) % 2 === 0 ? ["even"] : [],
        outputs: { metric: ((i + 1) % 5) / 10, "val/acc": i + 1 },
        status: (i + 1) % 4 === 0 ? ("running" as const) : ("created" as const),
      })),
    });
    await createRuns(writer, "vision", { runs: [{ name: "r11", outputs: { metric: "n/a" } }, { name: "r12", tags: ["even"] }] });
    await archiveRun(member, "vision", 5);
    await deleteRun(member, "vision", 6);

    const live = [1, 2, 3, 4, 7, 8, 9, 10, 11, 12];
    expect(numbers(await all(member, {}))).toEqual([...live].reverse());
    expect(numbers(await all(member, { sort: "created" }))).toEqual(live);
    expect(numbers(await all(member, { tag: "even" }))).toEqual([12, 10, 8, 4, 2]);
    expect(numbers(await all(member, { kind: "job" }))).toEqual([9, 3]);
    expect(numbers(await all(member, { status: "running" }))).toEqual([8, 4]);
    expect(numbers(await all(member, { status: "running,created", tag: "even" }))).toEqual([12, 10, 8, 4, 2]);
    expect(numbers(await all(member, { creator: f.people.writer.id }))).toEqual([12, 11]);
    expect(numbers(await all(member, { creator: "me", tag: "even" }))).toEqual([10, 8, 4, 2]);
    expect(numbers(await all(member, { archived: "true" }))).toEqual([5]);
    expect(numbers(await all(member, { archived: "all" }))).toEqual([12, 11, 10, 9, 8, 7, 5, 4, 3, 2, 1]);
    expect(numbers(await all(member, { deleted: "true" }))).toEqual([6]);

    // By metric, highest first: only runs reporting a number; ties in id order, pages seamless at any size.
    const desc = await all(member, { sort: "-metric", metric: "metric" }, 3);
    expect(desc.map((r) => r.outputs.metric)).toEqual([0.4, 0.4, 0.3, 0.3, 0.2, 0.2, 0.1, 0]);
    expect(new Set(numbers(desc))).toEqual(new Set([1, 2, 3, 4, 7, 8, 9, 10]));
    for (const limit of [1, 2, 5]) expect(numbers(await all(member, { sort: "-metric", metric: "metric" }, limit))).toEqual(numbers(desc));
    const asc = await all(member, { sort: "metric", metric: "metric" }, 3);
    expect(numbers(asc)).toEqual(numbers(desc).reverse());
    expect(numbers(await all(member, { sort: "-metric", metric: "val/acc" }))).toEqual([10, 9, 8, 7, 4, 3, 2, 1]);

    // Over HTTP, with the cursor handed back.
    const first = await bodyOf(await api("GET", `${f.base}/runs?limit=2&tag=even`, { as: f.people.viewer }));
    expect(first.items.map((r: RunSummary) => r.number)).toEqual([12, 10]);
    const second = await bodyOf(await api("GET", `${f.base}/runs?limit=2&tag=even&cursor=${first.nextCursor}`, { as: f.people.viewer }));
    expect(second.items.map((r: RunSummary) => r.number)).toEqual([8, 4]);
    expect(second.items[0]).toMatchObject({ name: "r8", status: "running", creator: { id: f.people.member.id, name: "Mia Member" }, tags: ["even"], promoted: false, viaToken: null });
  });
});
