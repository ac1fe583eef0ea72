/**
 * Bulk seeding for `npm run bench` (DESIGN §10), on PostgreSQL only.
 *
 * Everything is INSERT … SELECT over generate_series, with deterministic ids (md5 of a label, shaped
 * as a UUID) so a scenario can refer to rows of another without reading them back. One argon2 hash is
 * shared by every user.
 *
 * Adding a scenario: write a `Scenario` (see `baseScenario`), allocate the users and organizations it
 * needs with `insertUsers` / `insertOrgs` (ranges never collide between scenarios), insert the rest
 * with SQL, and push the routes it wants measured onto `ctx.fixture.targets`. Then append it to
 * SCENARIOS. `bench.ts` measures every target, after the framework ceiling (/api/health).
 *
 * Standalone: `BENCH_DATABASE_URL=… npx tsx scripts/bench-seed.ts` recreates and seeds the database and
 * prints the session cookie of the benchmark user.
 */
import { createHmac } from "node:crypto";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { closeDb, getDb } from "@/db/client";
import { hashPassword } from "@/lib/auth/password";
import { SESSION_COOKIE, SESSION_DAYS } from "@/lib/auth/context";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { encodeCursor } from "@/lib/pagination";
import { runsScenario } from "./bench-seed-runs";

export const DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/atrium_bench";
export const DEFAULT_BENCH_AUTH_SECRET = "atrium-bench-secret-do-not-use-in-production-0000";

/**
 * A route to measure. `aim`: the lowest acceptable requests/s as a fraction of the ceiling. `cookie`:
 * another user's session instead of the benchmark user's. `baseline`: the name of the target this
 * one is read against (the report prints the two side by side).
 */
export type BenchTarget = { name: string; path: string; aim: number; authenticated: boolean; cookie?: string; baseline?: string };

/**
 * A one-off request timed end to end (not under load): `runs` times, each with `body(run)` so every
 * run can send fresh data. `aimMs`: the slowest acceptable median.
 */
export type BenchTiming = {
  name: string;
  method: "POST" | "PATCH" | "DELETE";
  path: string;
  body: (run: number) => unknown;
  expectStatus: number;
  runs: number;
  aimMs: number;
  /** Sent as `Authorization: Bearer` instead of the benchmark user's cookie (an API client's token). */
  bearer?: string;
  /** How many things one request makes: the report then also gives them per second. */
  items?: number;
};

/**
 * A query run once under EXPLAIN (ANALYZE, BUFFERS) after seeding, to show the plan a route gets.
 * `sql` should be the statement the service generates (copied); when `apiPath` is set, bench.ts also
 * runs the statement plainly and checks it returns the same ids as that API route's first page, so a
 * copy that drifted from the service is noticed.
 */
export type BenchExplain = { name: string; sql: string; params: unknown[]; apiPath?: string; limit?: number };

/**
 * The SSO sign-in round trip, timed in a real browser through the test identity provider (bench.ts
 * starts it and sets the organization's provider up through its API as its owner, the benchmark
 * user). Each run signs in a new person `user<run>@<domain>`, who joins by open join.
 */
export type BenchSsoLogin = { name: string; orgSlug: string; domain: string; runs: number; warmupRuns: number; aimMs: number };

export type BenchFixture = {
  /** Cookie header for the benchmark user (`atrium_session=<token>`). */
  cookie: string;
  benchUser: { id: string; email: string };
  targets: BenchTarget[];
  timings: BenchTiming[];
  explains: BenchExplain[];
  ssoLogin?: BenchSsoLogin;
  /** Extra environment for the server under test (e.g. a rate limit raised for a timing). */
  serverEnv: Record<string, string>;
  /** Row counts after seeding, for the report. */
  counts: Record<string, number>;
};

export type SeedContext = {
  sql: postgres.Sql;
  /** One argon2 hash ("bench-password"), shared by every seeded user. */
  passwordHash: string;
  fixture: BenchFixture;
  log: (message: string) => void;
  /** Next free user / organization numbers (use insertUsers / insertOrgs rather than these). */
  next: { user: number; org: number };
};

export type Scenario = { name: string; seed: (ctx: SeedContext, tx: postgres.TransactionSql) => Promise<void> };

// ---- Deterministic ids: SQL expressions over a number (a column, a generate_series alias, a literal).
// An md5 shaped as a version-4 UUID (version nibble 4, variant 8): ids arrive back in cursors and
// paths, where the app validates them as RFC 9562 UUIDs, as gen_random_uuid() makes them.
export const hashUuid = (label: string) => `overlay(overlay(md5(${label}) placing '4' from 13) placing '8' from 17)::uuid`;
export const userIdSql = (n: string | number) => hashUuid(`'user:' || (${n})`);
export const orgIdSql = (n: string | number) => hashUuid(`'org:' || (${n})`);
export const teamIdSql = (org: string | number, t: string | number) => hashUuid(`'team:' || (${org}) || ':' || (${t})`);
export const projectIdSql = (org: string | number, p: string | number) => hashUuid(`'project:' || (${org}) || ':' || (${p})`);
export const orgSlug = (prefix: string, n: number) => `${prefix}-${n}`;

/** The benchmark user is always user number 1 (inserted before any scenario runs). */
export const BENCH_USER = { n: 1, email: "bench@bench.test", name: "Bench User" };

/**
 * Inserts `count` verified users numbered from ctx.next.user; returns the range [first, last].
 * `nameSql` builds each name from the user number `n` (default 'User <n>').
 */
export async function insertUsers(ctx: SeedContext, tx: postgres.TransactionSql, count: number, emailPrefix: string, nameSql = (n: string) => `'User ' || ${n}`) {
  const first = ctx.next.user;
  const last = first + count - 1;
  ctx.next.user = last + 1;
  await tx.unsafe(
    `insert into users (id, name, email, email_verified_at, password_hash, created_at)
     select ${userIdSql("n")}, ${nameSql("n")}, '${emailPrefix}' || n || '@bench.test', now(), $1, now() - make_interval(mins => n)
     from generate_series(${first}, ${last}) n`,
    [ctx.passwordHash],
  );
  return { first, last };
}

/**
 * A session exactly as createSession writes it (only the keyed hash of the cookie value is stored);
 * returns its Cookie header. `method`: how it signed in, "password" or an SSO provider's key.
 */
export async function insertSession(sql: postgres.Sql | postgres.TransactionSql, userId: string, signIn: { method: string; emailVouchedBy?: string } = { method: "password" }) {
  const token = newToken();
  await sql`insert into sessions (token_hash, user_id, expires_at, user_agent, method, email_vouched_by)
            values (${hashToken(token)}, ${userId}, now() + make_interval(days => ${SESSION_DAYS}), 'bench', ${signIn.method}, ${signIn.emailVouchedBy ?? null})`;
  return `${SESSION_COOKIE}=${token}`;
}

/** Inserts `count` organizations numbered from ctx.next.org, slugs `<prefix>-<n>`; returns the range. */
export async function insertOrgs(ctx: SeedContext, tx: postgres.TransactionSql, count: number, slugPrefix: string, name: string) {
  const first = ctx.next.org;
  const last = first + count - 1;
  ctx.next.org = last + 1;
  await tx.unsafe(
    `insert into organizations (id, name, slug, description, website, visibility, created_at)
     select ${orgIdSql("i")}, $1 || ' ' || i, $2 || '-' || i, 'Benchmark organization ' || i, 'https://bench.test/' || i,
            (case when i % 10 = 0 then 'public' else 'private' end)::org_visibility, now() - make_interval(days => i % 365)
     from generate_series(${first}, ${last}) i`,
    [name, slugPrefix],
  );
  return { first, last };
}

/**
 * 5,000 users in 200 organizations of 25–50 members each; the benchmark user belongs to 50 of them
 * (owner of 10, member of 40). Per organization: 5 teams of 8, 10 projects, 100 audit events.
 */
export const baseScenario: Scenario = {
  name: "base: 5,000 users, 200 orgs of 25–50 members, bench user in 50 orgs",
  async seed(ctx, tx) {
    const USERS = 5_000; // including the benchmark user
    const ORGS = 200;
    const BENCH_ORGS = 50;
    const users = await insertUsers(ctx, tx, USERS - 1, "user");
    const pool = users.last - users.first + 1;
    const orgs = await insertOrgs(ctx, tx, ORGS, "bench-org", "Bench Org");

    // Organization i (k-th member, k from 0) gets size 25 + (i*7 mod 26): sliding windows of 25 over the
    // user pool, so every user belongs to at least one organization and neighbours overlap.
    const size = (i: string) => `(25 + ((${i}) * 7) % 26)`;
    const member = (i: string, k: string) => `(${users.first} + (((${i}) - ${orgs.first}) * 25 + ${k}) % ${pool})`;
    await tx.unsafe(`
      insert into memberships (org_id, user_id, role, joined_via, created_at)
      select ${orgIdSql("i")}, ${userIdSql(member("i", "k"))},
             (case when k = 0 then 'owner' when k <= 2 then 'admin' when k % 10 = 9 then 'viewer' else 'member' end)::org_role,
             'seed', now() - make_interval(days => k)
      from generate_series(${orgs.first}, ${orgs.last}) i
      cross join lateral generate_series(0, ${size("i")} - 1) k`);

    // The benchmark user: owner where (i - first) % 5 = 0, member elsewhere, in the first 50 organizations.
    await tx.unsafe(`
      insert into memberships (org_id, user_id, role, joined_via)
      select ${orgIdSql("i")}, ${userIdSql(BENCH_USER.n)},
             (case when (i - ${orgs.first}) % 5 = 0 then 'owner' else 'member' end)::org_role, 'seed'
      from generate_series(${orgs.first}, ${orgs.first + BENCH_ORGS - 1}) i`);

    await tx.unsafe(`
      insert into teams (id, org_id, name, slug, created_by)
      select ${teamIdSql("i", "t")}, ${orgIdSql("i")}, 'Team ' || t, 'team-' || t, ${userIdSql(member("i", "0"))}
      from generate_series(${orgs.first}, ${orgs.last}) i cross join generate_series(1, 5) t`);
    await tx.unsafe(`
      insert into team_members (team_id, user_id)
      select ${teamIdSql("i", "t")}, ${userIdSql(member("i", `((t - 1) * 5 + j) % ${size("i")}`))}
      from generate_series(${orgs.first}, ${orgs.last}) i cross join generate_series(1, 5) t cross join generate_series(0, 7) j
      on conflict do nothing`);

    await tx.unsafe(`
      insert into projects (id, org_id, name, slug, description, visibility, created_by)
      select ${projectIdSql("i", "p")}, ${orgIdSql("i")}, 'Project ' || p, 'project-' || p, 'Benchmark project ' || p,
             (array['private', 'internal', 'public'])[1 + p % 3]::project_visibility, ${userIdSql(member("i", "0"))}
      from generate_series(${orgs.first}, ${orgs.last}) i cross join generate_series(1, 10) p`);
    await tx.unsafe(`
      insert into project_grants (project_id, team_id, role)
      select ${projectIdSql("i", "p")}, ${teamIdSql("i", "1 + p % 5")}, 'write'
      from generate_series(${orgs.first}, ${orgs.last}) i cross join generate_series(1, 10) p`);

    // 100 events per organization, oldest first so ids grow with time as in real use.
    await tx.unsafe(`
      insert into audit_events (org_id, actor_id, actor_name, actor_role, action, target_type, target_id, target_label, after, created_at)
      select ${orgIdSql("i")}, ${userIdSql(member("i", "0"))}, 'User ' || ${member("i", "0")}, 'owner',
             (array['org.created', 'member.added', 'team.created', 'project.created', 'org.updated'])[1 + e % 5],
             (array['org', 'user', 'team', 'project', 'org'])[1 + e % 5],
             null, 'target-' || e, jsonb_build_object('seq', e), now() - make_interval(mins => 100 - e)
      from generate_series(1, 100) e cross join generate_series(${orgs.first}, ${orgs.last}) i
      order by e, i`);

    const home = orgs.first + 1; // a member (not owner) organization of the benchmark user
    await tx.unsafe(`update users set last_org_id = ${orgIdSql(home)} where id = ${userIdSql(BENCH_USER.n)}`);

    ctx.fixture.targets.push(
      { name: `GET /api/v1/orgs (${BENCH_ORGS} orgs)`, path: "/api/v1/orgs", aim: 0.6, authenticated: true },
      { name: "GET /<org> dashboard", path: `/${orgSlug("bench-org", home)}`, aim: 0.3, authenticated: true },
      // Not a target: what any server-rendered page costs here, for reading the dashboard's figure.
      { name: "GET /signin signed out (page floor)", path: "/signin", aim: 0, authenticated: false },
    );
  },
};

// ---- Members and invitations at scale (issue 3) -------------------------------------------------------

const FIRST_NAMES = ["Ada", "Alan", "Barbara", "Claude", "Dennis", "Edsger", "Frances", "Grace", "Hedy", "Ivan", "John", "Katherine", "Linus", "Margaret", "Niklaus", "Ole", "Radia", "Shafi", "Tim", "Yukihiro"];
// Distinct initials, so "<first> <initial>" matches exactly one of the 200 name pairs.
const LAST_NAMES = ["Hopper", "Lovelace", "Turing", "Shannon", "Ritchie", "Dijkstra", "Kay", "Wirth", "Perlman", "Goldwasser"];
const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(", ")}]`;
/** "<first> <last>" for user number n: the 200 pairs in turn. */
const pairName = (n: string) => `(${sqlArray(FIRST_NAMES)})[1 + ${n} % ${FIRST_NAMES.length}] || ' ' || (${sqlArray(LAST_NAMES)})[1 + (${n} / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}]`;

/** The big organization of bigOrgScenario, for other scenarios and for reading the report. */
export const BIG_ORG = { members: 50_000, invitations: 2_000, searchQuery: "grace h", lateQuery: "yukihiro", deepRank: 40_000 };

/**
 * One organization of 50,000 members (the benchmark user its owner) and 2,000 pending invitations.
 * Names are "<first> <last>" over 20 × 10 pairs, 250 people each, so name order interleaves the
 * insertion order and the search "grace h" (Grace Hopper) matches 250 members by name, "yukihiro"
 * 2,500 at the very end of the order.
 */
export const bigOrgScenario: Scenario = {
  name: `big org: ${BIG_ORG.members.toLocaleString("en-US")} members, ${BIG_ORG.invitations.toLocaleString("en-US")} pending invitations`,
  async seed(ctx, tx) {
    const users = await insertUsers(ctx, tx, BIG_ORG.members - 1, "member", pairName);
    const { first: org } = await insertOrgs(ctx, tx, 1, "big-org", "Big Org");
    bigOrg = { n: org, firstUser: users.first };
    const slug = orgSlug("big-org", org);

    await tx.unsafe(`
      insert into memberships (org_id, user_id, role, joined_via, created_at)
      select ${orgIdSql(org)}, ${userIdSql("n")},
             (case when n % 1000 = 0 then 'owner' when n % 100 = 0 then 'admin' when n % 10 = 0 then 'viewer' else 'member' end)::org_role,
             (array['invitation', 'open_join', 'sso', 'seed'])[1 + n % 4]::join_method, now() - make_interval(mins => n)
      from generate_series(${users.first}, ${users.last}) n`);
    await tx.unsafe(`insert into memberships (org_id, user_id, role, joined_via) values (${orgIdSql(org)}, ${userIdSql(BENCH_USER.n)}, 'owner', 'created')`);

    // Pending invitations sent by the benchmark user over the last days, none expired.
    await tx.unsafe(`
      insert into invitations (org_id, email, role, token_hash, invited_by, expires_at, created_at)
      select ${orgIdSql(org)}, 'invitee' || i || '@elsewhere.test', (case when i % 5 = 0 then 'viewer' else 'member' end)::org_role,
             md5('big-invite:' || i), ${userIdSql(BENCH_USER.n)},
             now() + interval '7 days' - make_interval(mins => i), now() - make_interval(mins => i)
      from generate_series(1, ${BIG_ORG.invitations}) i`);

    // A cursor deep in the list, built the way listMembers builds it: the sort values of the row
    // before the page, [sort_key collate "C", user id].
    const [deep] = await tx.unsafe(
      `select m.sort_key collate "C" as sort_name, m.user_id::text as id
       from memberships m
       where m.org_id = ${orgIdSql(org)}
       order by m.sort_key collate "C", m.user_id offset ${BIG_ORG.deepRank - 1} limit 1`,
    );
    const deepCursor = encodeCursor([deep.sort_name as string, deep.id as string]);
    const [orgRow] = await tx.unsafe(`select ${orgIdSql(org)}::text as id`);
    const orgId = orgRow.id as string;

    const api = `/api/v1/orgs/${slug}/members`;
    const search = `${api}?query=${encodeURIComponent(BIG_ORG.searchQuery)}`;
    const late = `${api}?query=${encodeURIComponent(BIG_ORG.lateQuery)}`;
    const deepPath = `${api}?cursor=${deepCursor}`;
    ctx.fixture.targets.push(
      { name: "GET members API, first page (50k)", path: api, aim: 0.5, authenticated: true },
      { name: `GET members API, search "${BIG_ORG.searchQuery}"`, path: search, aim: 0.5, authenticated: true },
      // A search's hard case: 2,500 matches, all at the end of the name order (the planner expects
      // matches spread evenly over the order and may walk the name index from the start).
      { name: `GET members API, search "${BIG_ORG.lateQuery}" (late in order)`, path: late, aim: 0.5, authenticated: true },
      { name: `GET members API, cursor at #${BIG_ORG.deepRank.toLocaleString("en-US")}`, path: deepPath, aim: 0.5, authenticated: true },
      { name: "GET /<big>/members page", path: `/${slug}/members`, aim: 0.25, authenticated: true },
    );

    // The rate limit (50 per organization per day by default) would refuse the timing's later runs.
    ctx.fixture.serverEnv.ATRIUM_INVITATIONS_PER_DAY = "1000000";
    ctx.fixture.timings.push({
      name: "POST invitations, 50 new addresses",
      method: "POST",
      path: `/api/v1/orgs/${slug}/invitations`,
      body: (run) => ({ emails: Array.from({ length: 50 }, (_, i) => `timed-${run}-${i}@newcomers.test`), role: "member" }),
      expectStatus: 201,
      runs: 3,
      aimMs: 1_000,
    });

    // The statement listMembers (lib/members/service.ts) generates, as drizzle prints it; the variants
    // differ only in the optional conditions. Keep in step with the service (bench.ts warns on drift).
    const select = `select "users"."id", "users"."name", "users"."email", "memberships"."role", "memberships"."created_at", "memberships"."joined_via", "memberships"."sort_key" collate "C" as "sort_name" from "memberships" inner join "users" on "users"."id" = "memberships"."user_id"`;
    const order = `order by "memberships"."sort_key" collate "C", "memberships"."user_id"`;
    const limit = 25;
    const prefix = `${BIG_ORG.searchQuery}%`;
    const searchSql =
      `(${select} where ("memberships"."org_id" = $1 and "memberships"."sort_key" collate "C" like $2) ${order} limit $3)` +
      ` union (${select} where ("memberships"."org_id" = $1 and "users"."email" collate "C" like $2) ${order} limit $3) order by sort_name, id limit $3`;
    ctx.fixture.explains.push(
      { name: "members, first page", sql: `${select} where ("memberships"."org_id" = $1) ${order} limit $2`, params: [orgId, limit + 1], apiPath: api, limit },
      {
        name: `members, search "${BIG_ORG.searchQuery}"`,
        sql: searchSql,
        params: [orgId, prefix, limit + 1],
        apiPath: search,
        limit,
      },
      { name: `members, search "${BIG_ORG.lateQuery}" (late in order)`, sql: searchSql, params: [orgId, `${BIG_ORG.lateQuery}%`, limit + 1], apiPath: late, limit },
      {
        name: `members, cursor at #${BIG_ORG.deepRank.toLocaleString("en-US")}`,
        sql: `${select} where ("memberships"."org_id" = $1 and ("memberships"."sort_key" collate "C", "memberships"."user_id") > ($2 collate "C", $3::uuid)) ${order} limit $4`,
        params: [orgId, deep.sort_name, deep.id, limit + 1],
        apiPath: deepPath,
        limit,
      },
    );
  },
};

// ---- Teams and projects (issue 8) ------------------------------------------------------------------

/** Set by bigOrgScenario: the big organization's number and its first member's user number. */
let bigOrg: { n: number; firstUser: number } | undefined;

export const BIG_ORG_PROJECTS = { teams: 200, projects: 5_000, bigTeam: 2_000, teamSize: 20, deepSlug: "project-04500", smallOrg: 10 };

/**
 * In the big organization: 200 teams (101–200 each a child of team t−100), team 1 of 2,000 members
 * and 20 in each other team; 5,000 projects (a third each private, internal, public), each granted
 * to one team, project-00001 (private) to team 1. A plain member on two teams (one nested) lists
 * what they may see. And a 10-member organization whose names sort last in the instance.
 */
export const projectsScenario: Scenario = {
  name: `teams and projects: ${BIG_ORG_PROJECTS.teams} teams, ${BIG_ORG_PROJECTS.projects.toLocaleString("en-US")} projects in the big org; a 10-member org`,
  async seed(ctx, tx) {
    if (!bigOrg) throw new Error("projectsScenario needs bigOrgScenario first.");
    const { n: org, firstUser } = bigOrg;
    const P = BIG_ORG_PROJECTS;
    await tx.unsafe(`
      insert into teams (id, org_id, name, slug, description, parent_id)
      select ${teamIdSql(org, "t")}, ${orgIdSql(org)}, 'Team ' || t, 'team-' || t, 'Benchmark team ' || t,
             (case when t > 100 then ${teamIdSql(org, "t - 100")} end)
      from generate_series(1, ${P.teams}) t`);
    await tx.unsafe(`
      insert into team_members (team_id, user_id, role)
      select ${teamIdSql(org, 1)}, ${userIdSql("n")}, (case when n % 500 = 0 then 'maintainer' else 'member' end)::team_role
      from generate_series(${firstUser}, ${firstUser + P.bigTeam - 1}) n`);
    await tx.unsafe(`
      insert into team_members (team_id, user_id)
      select ${teamIdSql(org, "t")}, ${userIdSql(`${firstUser + P.bigTeam} + (t - 2) * ${P.teamSize} + k`)}
      from generate_series(2, ${P.teams}) t, generate_series(0, ${P.teamSize - 1}) k`);
    await tx.unsafe(`
      insert into projects (id, org_id, name, slug, description, visibility, tags)
      select ${projectIdSql(org, "p")}, ${orgIdSql(org)}, 'Project ' || p, 'project-' || lpad(p::text, 5, '0'), 'Benchmark project ' || p,
             (case when p = 1 or p % 3 = 0 then 'private' when p % 3 = 1 then 'internal' else 'public' end)::project_visibility,
             array['bench', 'tag-' || (p % 7)]
      from generate_series(1, ${P.projects}) p`);
    await tx.unsafe(`
      insert into project_grants (project_id, team_id, role)
      select ${projectIdSql(org, "p")}, ${teamIdSql(org, `1 + (p % ${P.teams})`)}, (case when p % 2 = 0 then 'write' else 'read' end)::project_role
      from generate_series(2, ${P.projects}) p`);
    await tx.unsafe(`insert into project_grants (project_id, team_id, role) values (${projectIdSql(org, 1)}, ${teamIdSql(org, 1)}, 'read')`);

    // A plain member (role 'member': n % 10 <> 0) on team 150 (a child of team 50) and team 7.
    const memberN = firstUser + P.bigTeam + 5 * P.teamSize + 1;
    await tx.unsafe(`insert into team_members (team_id, user_id) values (${teamIdSql(org, 150)}, ${userIdSql(memberN)}), (${teamIdSql(org, 7)}, ${userIdSql(memberN)}) on conflict do nothing`);
    const [member] = await tx.unsafe(`select ${userIdSql(memberN)}::text as id`);
    const memberCookie = await insertSession(tx, member.id as string);

    const small = await insertUsers(ctx, tx, P.smallOrg, "small", (n) => `'Zz Small ' || ${n}`);
    const { first: smallOrg } = await insertOrgs(ctx, tx, 1, "small-org", "Small Org");
    await tx.unsafe(`
      insert into memberships (org_id, user_id, role, joined_via)
      select ${orgIdSql(smallOrg)}, ${userIdSql("n")}, (case when n = ${small.first} then 'owner' else 'member' end)::org_role, 'seed'
      from generate_series(${small.first}, ${small.last}) n`);
    const [smallOwner] = await tx.unsafe(`select ${userIdSql(small.first)}::text as id`);
    const smallCookie = await insertSession(tx, smallOwner.id as string);

    const slug = orgSlug("big-org", org);
    const projectsApi = `/api/v1/orgs/${slug}/projects`;
    const firstPage = "GET projects API, a member's first page (5k projects)";
    ctx.fixture.targets.push(
      { name: firstPage, path: projectsApi, aim: 0.5, authenticated: true, cookie: memberCookie },
      { name: "GET projects API, a member's page at a deep cursor", path: `${projectsApi}?cursor=${encodeCursor([P.deepSlug])}`, aim: 0.5, authenticated: true, cookie: memberCookie, baseline: firstPage },
      { name: "GET project API (one project, member)", path: `${projectsApi}/project-00002`, aim: 0.5, authenticated: true, cookie: memberCookie },
      // Pages are read against the page floor of the same run (issue 8 §7: at least half of it).
      { name: "GET project page (one project, member)", path: `/${slug}/projects/project-00002`, aim: 0, authenticated: true, cookie: memberCookie, baseline: "GET /signin signed out (page floor)" },
      { name: "GET project access API (granted to a 2,000-member team)", path: `${projectsApi}/project-00001/access`, aim: 0.5, authenticated: true },
      { name: "GET teams API (200 teams)", path: `/api/v1/orgs/${slug}/teams`, aim: 0.5, authenticated: true },
      { name: "GET members API, a 10-member org in the big instance", path: `/api/v1/orgs/${orgSlug("small-org", smallOrg)}/members`, aim: 0.5, authenticated: true, cookie: smallCookie, baseline: "GET members API, first page (50k)" },
    );
  },
};

// ---- Single sign-on --------------------------------------------------------------------------------

/** The organizations of ssoScenario, for reading the report. */
export const SSO_ORGS = { members: 5_000, loginDomain: "sso-bench.test" };

/**
 * Two organizations with the same 5,000 members, one of them requiring SSO through its own provider
 * (the issuer is never called: it only makes "org-<id>" a method that satisfies the requirement).
 * One member's session signed in through that provider; its cookie reads both organizations, so
 * the requirement is the only difference. Plus an organization the benchmark user owns, whose
 * provider bench.ts sets up at run time for the sign-in round trip.
 */
export const ssoScenario: Scenario = {
  name: `SSO: two orgs of ${SSO_ORGS.members.toLocaleString("en-US")} members, one requiring SSO; an org to sign in to`,
  async seed(ctx, tx) {
    // Named like the big org's people, so members spread over the whole name order as in real life.
    const users = await insertUsers(ctx, tx, SSO_ORGS.members, "sso-member", pairName);
    const { first: required } = await insertOrgs(ctx, tx, 1, "sso-required", "SSO Required");
    const { first: plain } = await insertOrgs(ctx, tx, 1, "sso-plain", "SSO Plain");
    const { first: login } = await insertOrgs(ctx, tx, 1, "sso-login", "SSO Login");

    // k = 0 (the member with the SSO session) is a plain member: owners are exempt from the requirement.
    for (const org of [required, plain]) {
      await tx.unsafe(`
        insert into memberships (org_id, user_id, role, joined_via, created_at)
        select ${orgIdSql(org)}, ${userIdSql(`${users.first} + k`)},
               (case when k % 1000 = 1 then 'owner' when k % 100 = 2 then 'admin' when k % 10 = 3 then 'viewer' else 'member' end)::org_role,
               'sso', now() - make_interval(mins => k)
        from generate_series(0, ${SSO_ORGS.members - 1}) k`);
    }
    await tx.unsafe(`
      insert into org_auth_settings (org_id, require_sso, oidc_issuer, oidc_client_id, oidc_display_name)
      values (${orgIdSql(required)}, true, 'https://idp.${SSO_ORGS.loginDomain}', 'atrium-bench', 'Bench IdP')`);
    await tx.unsafe(`insert into memberships (org_id, user_id, role, joined_via) values (${orgIdSql(login)}, ${userIdSql(BENCH_USER.n)}, 'owner', 'created')`);

    const [ids] = await tx.unsafe(`select ${orgIdSql(required)}::text as org, ${userIdSql(users.first)}::text as member`);
    const cookie = await insertSession(tx, ids.member as string, { method: `org-${ids.org}`, emailVouchedBy: ids.org as string });

    const [requiredSlug, plainSlug] = [orgSlug("sso-required", required), orgSlug("sso-plain", plain)];
    const api = (slug: string) => `/api/v1/orgs/${slug}/members?limit=25`;
    const apiName = `GET members API, first page (${SSO_ORGS.members / 1000}k)`;
    const dashboardName = `GET /<${SSO_ORGS.members / 1000}k org> dashboard`;
    ctx.fixture.targets.push(
      { name: apiName, path: api(plainSlug), aim: 0.5, authenticated: true, cookie },
      { name: `${apiName}, requires SSO`, path: api(requiredSlug), aim: 0.5, authenticated: true, cookie, baseline: apiName },
      { name: dashboardName, path: `/${plainSlug}`, aim: 0.3, authenticated: true, cookie },
      { name: `${dashboardName}, requires SSO`, path: `/${requiredSlug}`, aim: 0.3, authenticated: true, cookie, baseline: dashboardName },
    );

    // The local identity provider is http://localhost: the server refuses such issuers otherwise.
    ctx.fixture.serverEnv.ATRIUM_ALLOW_INSECURE_ISSUERS = "true";
    ctx.fixture.ssoLogin = { name: "SSO sign-in round trip (browser, local IdP)", orgSlug: orgSlug("sso-login", login), domain: SSO_ORGS.loginDomain, runs: 20, warmupRuns: 2, aimMs: 1_500 };
  },
};

/** Every scenario, in order. Append new ones here. */
export const SCENARIOS: Scenario[] = [baseScenario, bigOrgScenario, projectsScenario, ssoScenario, runsScenario];

/** Drops and recreates the database named in `url` (connecting to the `postgres` database of the same server). */
export async function recreateDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unexpected benchmark database name "${name}".`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Migrates (through the app's own getDb) and seeds `databaseUrl` with `scenarios`; returns the
 * session cookie and the routes to measure. The database should be empty (see recreateDatabase).
 * `authSecret` must be the AUTH_SECRET the server will run with: session hashes depend on it.
 */
export async function seedBench(options: { databaseUrl: string; authSecret: string; scenarios?: Scenario[]; log?: (m: string) => void }): Promise<BenchFixture> {
  const { databaseUrl, authSecret, scenarios = SCENARIOS, log = (m) => console.log(m) } = options;
  process.env.AUTH_SECRET = authSecret;
  process.env.DATABASE_URL = databaseUrl;

  const started = Date.now();
  await getDb(); // applies the migrations
  await closeDb();
  log(`  migrated in ${Date.now() - started} ms`);

  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const ctx: SeedContext = {
      sql,
      passwordHash: await hashPassword("bench-password"),
      fixture: { cookie: "", benchUser: { id: "", email: BENCH_USER.email }, targets: [], timings: [], explains: [], serverEnv: {}, counts: {} },
      log,
      next: { user: BENCH_USER.n + 1, org: 1 },
    };

    const [bench] = await sql.unsafe(
      `insert into users (id, name, email, email_verified_at, password_hash)
       values (${userIdSql(BENCH_USER.n)}, $1, $2, now(), $3) returning id`,
      [BENCH_USER.name, BENCH_USER.email, ctx.passwordHash],
    );
    ctx.fixture.benchUser.id = bench.id as string;

    const probe = newToken();
    if (hashToken(probe) !== createHmac("sha256", authSecret).update(probe).digest("base64url")) {
      throw new Error("hashToken() does not use the benchmark AUTH_SECRET (was authSecret() called before seedBench?).");
    }

    for (const scenario of scenarios) {
      const t = Date.now();
      await sql.begin((tx) => scenario.seed(ctx, tx));
      log(`  ${scenario.name}: ${Date.now() - t} ms`);
    }

    ctx.fixture.cookie = await insertSession(sql, ctx.fixture.benchUser.id);

    await sql`analyze`;
    const tables = ["users", "organizations", "memberships", "teams", "team_members", "projects", "project_grants", "invitations", "audit_events", "sessions", "org_auth_settings", "runs", "run_conditions", "registry_models", "registry_alias_events"];
    for (const table of tables) {
      const [row] = await sql.unsafe(`select count(*)::int as n from ${table}`);
      ctx.fixture.counts[table] = row.n as number;
    }
    log(`  seeded in ${Date.now() - started} ms`);
    return ctx.fixture;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// Standalone: recreate, seed, print the fixture.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const authSecret = process.env.BENCH_AUTH_SECRET ?? DEFAULT_BENCH_AUTH_SECRET;
  (async () => {
    console.log(`Recreating ${new URL(databaseUrl).pathname.slice(1)} and seeding…`);
    await recreateDatabase(databaseUrl);
    const fixture = await seedBench({ databaseUrl, authSecret });
    console.table(fixture.counts);
    console.log(JSON.stringify({ ...fixture, authSecret }, null, 2));
  })().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
