/**
 * Bench scenarios of issue 10: a project with 100,000 runs (list first page, deep cursor, filtered
 * by tag, by a summary metric; one run), 1,000 runs per request created through the API with a run
 * token, and a registry of 10,000 models with an alias moved 10,000 times ("@production at T").
 *
 * bench-seed.ts lists these in SCENARIOS; this file uses its helpers only inside seed(), so the
 * two modules may import each other.
 */
import { hashToken, newToken } from "@/lib/auth/tokens";
import { RUN_TOKEN_PREFIX } from "@/lib/auth/run-tokens";
import { encodeCursor } from "@/lib/pagination";
import { BENCH_USER, hashUuid, insertOrgs, orgIdSql, orgSlug, projectIdSql, userIdSql, type Scenario } from "./bench-seed";

export const RUNS_BENCH = { runs: 100_000, tags: 10, deepNumber: 50_000, batch: 1_000, batches: 5, models: 10_000, aliasMoves: 10_000, versions: 50 };

const STATUSES = ["succeeded", "succeeded", "succeeded", "failed", "stopped", "running", "queued", "created"];
const KINDS = ["experiment", "experiment", "job", "pipeline"];

/**
 * An organization the benchmark user owns, with project "vision" of 100,000 runs (each with its
 * first condition; every tenth tagged tag-3, and so on; a summary metric), and 10,000 registry
 * models, one of them ("churn") with 50 versions and @production moved 10,000 times over a year.
 */
export const runsScenario: Scenario = {
  name: `runs and registry: ${RUNS_BENCH.runs.toLocaleString("en-US")} runs in one project, ${RUNS_BENCH.models.toLocaleString("en-US")} models, an alias moved ${RUNS_BENCH.aliasMoves.toLocaleString("en-US")} times`,
  async seed(ctx, tx) {
    const R = RUNS_BENCH;
    const { first: org } = await insertOrgs(ctx, tx, 1, "runs-org", "Runs Org");
    const orgId = orgIdSql(org);
    const projectId = projectIdSql(org, 1);
    const bench = userIdSql(BENCH_USER.n);
    await tx.unsafe(`insert into memberships (org_id, user_id, role, joined_via) values (${orgId}, ${bench}, 'owner', 'created')`);
    await tx.unsafe(`insert into projects (id, org_id, name, slug, visibility, created_by) values (${projectId}, ${orgId}, 'Vision', 'vision', 'internal', ${bench})`);
    await tx.unsafe(`
      insert into runs (id, org_id, project_id, number, name, kind, status, creator_id, inputs, outputs, tags, created_at, started_at, finished_at)
      select ${hashUuid(`'run:' || n`)}, ${orgId}, ${projectId}, n, 'run-' || n,
             (${`array['${KINDS.join("','")}']`})[1 + n % ${KINDS.length}]::run_kind,
             (${`array['${STATUSES.join("','")}']`})[1 + n % ${STATUSES.length}]::run_status,
             ${bench}, jsonb_build_object('lr', 0.001 * (1 + n % 10), 'batch', 32 * (1 + n % 4)),
             jsonb_build_object('metric', (n % 1000) / 1000.0, 'loss', 1.0 / (1 + n % 97)),
             array['bench', 'tag-' || (n % ${R.tags})], now() - make_interval(secs => ${R.runs} - n),
             now() - make_interval(secs => ${R.runs} - n), now() - make_interval(secs => ${R.runs} - n - 1)
      from generate_series(1, ${R.runs}) n`);
    await tx.unsafe(`
      insert into run_conditions (run_id, from_status, to_status, reason, actor_id, actor_name, at)
      select id, null, status, 'created', ${bench}, '${BENCH_USER.name}', created_at from runs where project_id = ${projectId}`);

    // The run token a client would use; stored as createRunToken stores it.
    const token = newToken(RUN_TOKEN_PREFIX);
    await tx.unsafe(`insert into run_tokens (org_id, project_id, name, token_hash, prefix, created_by) values (${orgId}, ${projectId}, 'bench', $1, $2, ${bench})`, [hashToken(token), token.slice(0, 12)]);

    await tx.unsafe(`
      insert into registry_models (id, org_id, name, description, created_by)
      select ${hashUuid(`'model:' || n`)}, ${orgId}, 'model-' || lpad(n::text, 5, '0'), 'Benchmark model ' || n, ${bench}
      from generate_series(1, ${R.models}) n`);
    await tx.unsafe(`
      insert into registry_model_versions (id, model_id, number, inputs, outputs, created_by)
      select ${hashUuid(`'version:' || n || ':1'`)}, ${hashUuid(`'model:' || n`)}, 1, '{"lr": 0.01}', '{"auc": 0.9}', ${bench}
      from generate_series(2, ${R.models}) n`);
    // model-00001 is the busy one: 50 versions, @production moved 10,000 times, an hour apart.
    const churn = hashUuid(`'model:' || 1`);
    const version = (v: string) => hashUuid(`'version:1:' || (${v})`);
    await tx.unsafe(`
      insert into registry_model_versions (id, model_id, number, inputs, outputs, created_by, created_at)
      select ${version("v")}, ${churn}, v, jsonb_build_object('lr', v), '{}', ${bench}, now() - interval '500 days' + make_interval(days => v)
      from generate_series(1, ${R.versions}) v`);
    await tx.unsafe(`
      insert into registry_alias_events (model_id, alias, from_version_id, to_version_id, actor_id, actor_name, reason, at)
      select ${churn}, 'production', (case when i > 1 then ${version(`1 + (i - 1) % ${R.versions}`)} end), ${version(`1 + i % ${R.versions}`)},
             ${bench}, '${BENCH_USER.name}', 'move ' || i, now() - make_interval(hours => ${R.aliasMoves} - i)
      from generate_series(1, ${R.aliasMoves}) i`);
    await tx.unsafe(`
      insert into registry_model_aliases (model_id, name, version_id, moved_at)
      values (${churn}, 'production', ${version(`1 + ${R.aliasMoves} % ${R.versions}`)}, now())`);

    const slug = orgSlug("runs-org", org);
    const runsApi = `/api/v1/orgs/${slug}/projects/vision/runs`;
    const firstPage = `GET runs API, first page (${R.runs / 1000}k runs)`;
    const modelsApi = `/api/v1/orgs/${slug}/models`;
    const firstModels = `GET models API, first page (${R.models / 1000}k models)`;
    const halfway = new Date(Date.now() - (R.aliasMoves / 2) * 3_600_000).toISOString();
    ctx.fixture.targets.push(
      { name: firstPage, path: runsApi, aim: 0.5, authenticated: true },
      { name: `GET runs API, cursor at #${R.deepNumber.toLocaleString("en-US")}`, path: `${runsApi}?cursor=${encodeCursor([String(R.deepNumber)])}`, aim: 0.5, authenticated: true, baseline: firstPage },
      { name: "GET runs API, filtered by tag (10 %)", path: `${runsApi}?tag=tag-3`, aim: 0.5, authenticated: true, baseline: firstPage },
      { name: "GET runs API, by summary metric", path: `${runsApi}?sort=-metric&metric=metric`, aim: 0.5, authenticated: true, baseline: firstPage },
      { name: "GET run API (one run)", path: `${runsApi}/${R.deepNumber}`, aim: 0.3, authenticated: true },
      { name: firstModels, path: modelsApi, aim: 0.5, authenticated: true },
      { name: "GET models API, deep cursor", path: `${modelsApi}?cursor=${encodeCursor(["model-08000"])}`, aim: 0.5, authenticated: true, baseline: firstModels },
      { name: `GET alias @production at T (${R.aliasMoves.toLocaleString("en-US")} moves)`, path: `${modelsApi}/model-00001/aliases/production?at=${encodeURIComponent(halfway)}`, aim: 0.5, authenticated: true },
    );
    // The list's statement (lib/runs/list.ts), its columns reduced to the id; bench.ts checks it returns the API's page.
    const [project] = await tx.unsafe(`select ${projectId}::text as id`);
    const listSql = (extra: string) =>
      `select "runs"."id" from "runs" left join "users" on "users"."id" = "runs"."creator_id" left join "run_tokens" on "run_tokens"."id" = "runs"."run_token_id"
       where ("runs"."project_id" = $1 and "runs"."deleted_at" is null and "runs"."archived_at" is null${extra}) order by "runs"."number" desc limit 26`;
    ctx.fixture.explains.push(
      { name: "runs, first page", sql: listSql(""), params: [project.id], apiPath: runsApi, limit: 25 },
      { name: `runs, cursor at #${R.deepNumber.toLocaleString("en-US")}`, sql: listSql(` and "runs"."number" < $2`), params: [project.id, R.deepNumber], apiPath: `${runsApi}?cursor=${encodeCursor([String(R.deepNumber)])}`, limit: 25 },
      { name: "runs, tag tag-3", sql: listSql(` and "runs"."tags" @> $2`), params: [project.id, ["tag-3"]], apiPath: `${runsApi}?tag=tag-3`, limit: 25 },
    );
    ctx.fixture.timings.push({
      name: `POST runs, ${R.batch.toLocaleString("en-US")} per request with a run token`,
      method: "POST",
      path: runsApi,
      bearer: token,
      items: R.batch,
      body: (run) => ({
        runs: Array.from({ length: R.batch }, (_, i) => ({ name: `api-${run}-${i}`, kind: "experiment", status: "running", inputs: { lr: 0.001 * (i % 10), seed: i }, outputs: { metric: i / R.batch }, tags: ["api", `batch-${run}`] })),
      }),
      expectStatus: 201,
      runs: R.batches,
      // 1,000 runs in half a second: 2,000 runs/s.
      aimMs: 500,
    });
  },
};
