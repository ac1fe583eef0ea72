/**
 * `npm run db:seed`: a small demo in the configured database (PGlite folder, or DATABASE_URL).
 *
 * Idempotent: when the organization acme-ml already exists it changes nothing and says so.
 * PGlite allows one process per data folder (STACK.md trap 4): stop `next dev` / `next start` first.
 * The seed refuses to run when it finds a Next.js process using the same folder (Linux /proc check);
 * ATRIUM_SEED_FORCE=1 skips that check.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { closeDb, getDb, type Db } from "@/db/client";
import { invitations, memberships, orgAuthSettings, orgDomains, organizations, projectGrants, projects, teamMembers, teams, users } from "@/db/schema";
import type { OrgRole, ProjectRole, ProjectVisibility } from "@/lib/authz/roles";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { seal } from "@/lib/auth/sealed";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { appUrl } from "@/lib/config";
import { INVITATION_DAYS } from "@/lib/invitations/schemas";
import { deliverDue, enqueueMail } from "@/lib/mail/outbox";
import { invitationMail, projectInvitationMail } from "@/lib/mail/templates";
import { DEV_IDP } from "@/scripts/dev-idp-client";

const PASSWORD = "atrium-demo-password";

type DemoUser = { key: string; name: string; email: string };
const USERS: DemoUser[] = [
  { key: "owner", name: "Olivia Owner", email: "owner@acme.test" },
  { key: "admin", name: "Adam Admin", email: "admin@acme.test" },
  { key: "member", name: "Mia Member", email: "member@acme.test" },
  { key: "member2", name: "Max Member", email: "member2@acme.test" },
  { key: "viewer", name: "Vic Viewer", email: "viewer@acme.test" },
  { key: "visionOwner", name: "Vera Vision", email: "owner@vision.test" },
];

type DemoOrg = {
  slug: string;
  name: string;
  description: string;
  website: string;
  members: [userKey: string, role: OrgRole][];
  teams: { slug: string; name: string; members: string[] }[];
  /** collaborator: an outside collaborator invited to this project only. */
  projects: { slug: string; name: string; description: string; visibility: ProjectVisibility; team?: string; collaborator?: { email: string; role: ProjectRole } }[];
  invitations: { email: string; role: OrgRole }[];
};

/** A pending invitation the summary prints: to join an organization, or (project set) to one project. */
type Invite = { org: string; project?: string; email: string; role: OrgRole | ProjectRole; token: string };

const ORGS: DemoOrg[] = [
  {
    slug: "acme-ml",
    name: "Acme ML",
    description: "Machine learning research and platform team at Acme.",
    website: "https://acme.test",
    members: [
      ["owner", "owner"],
      ["admin", "admin"],
      ["member", "member"],
      ["member2", "member"],
      ["viewer", "viewer"],
    ],
    teams: [
      { slug: "research", name: "Research", members: ["owner", "member"] },
      { slug: "platform", name: "Platform", members: ["admin", "member2"] },
    ],
    projects: [
      { slug: "foundation-models", name: "Foundation Models", description: "Pre-training runs and checkpoints.", visibility: "internal", team: "research" },
      { slug: "eval-harness", name: "Eval Harness", description: "Open benchmark suite.", visibility: "public" },
      {
        slug: "gpu-scheduler",
        name: "GPU Scheduler",
        description: "Cluster scheduling internals.",
        visibility: "private",
        team: "platform",
        collaborator: { email: "consultant@partner.test", role: "write" },
      },
    ],
    invitations: [
      { email: "newhire@acme.test", role: "member" },
      { email: "contractor@partner.test", role: "viewer" },
      { email: "lead@acme.test", role: "admin" },
    ],
  },
  {
    slug: "vision-lab",
    name: "Vision Lab",
    description: "Computer vision experiments.",
    website: "https://vision.test",
    members: [
      ["visionOwner", "owner"],
      ["owner", "member"],
    ],
    teams: [{ slug: "imaging", name: "Imaging", members: ["visionOwner", "owner"] }],
    projects: [{ slug: "segmentation", name: "Segmentation", description: "Instance segmentation models.", visibility: "internal", team: "imaging" }],
    invitations: [],
  },
];

/** Next.js processes (dev or start) whose PGlite folder is `dir`, found through /proc (Linux only). */
function serversUsingFolder(dir: string): { pid: number; cmd: string }[] | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return null; // No /proc: cannot tell.
  }
  const target = path.resolve(dir);
  const found: { pid: number; cmd: string }[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid || Number(pid) === process.ppid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      if (!/\bnext(-server)?\b|next\/dist\/(bin|server)/.test(cmd) || /\bnext build\b/.test(cmd)) continue;
      const cwd = realpathSync(readlinkSync(`/proc/${pid}/cwd`));
      const env = Object.fromEntries(
        readFileSync(`/proc/${pid}/environ`, "utf8")
          .split("\0")
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
      );
      if (env.DATABASE_URL) continue; // That server uses PostgreSQL.
      const theirs = env.PGLITE_DIR ? path.resolve(cwd, env.PGLITE_DIR) : path.join(cwd, ".data/pglite");
      if (theirs === target) found.push({ pid: Number(pid), cmd: cmd.slice(0, 120) });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

function refuseIfFolderInUse() {
  if (process.env.DATABASE_URL) return;
  const dir = process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data/pglite");
  if (dir.startsWith("memory://")) return;
  if (process.env.ATRIUM_SEED_FORCE === "1") return;
  const servers = serversUsingFolder(dir);
  if (servers === null) {
    console.warn(`Warning: cannot check for a running server. Make sure no Next.js process uses ${dir} (one process per PGlite folder).`);
    return;
  }
  if (servers.length) {
    console.error(
      `Refusing to seed: the PGlite folder ${dir} is in use by a running server:\n` +
        servers.map((s) => `  pid ${s.pid}: ${s.cmd}`).join("\n") +
        "\nPGlite allows one process per folder; writing it from two processes loses rows and corrupts indexes.\n" +
        "Stop the server (or point PGLITE_DIR elsewhere), then run `npm run db:seed` again.",
    );
    process.exit(1);
  }
}

async function seed(db: Db) {
  const [existing] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "acme-ml"));
  if (existing) {
    console.log("The demo is already seeded (organization acme-ml exists); nothing changed.");
    return null;
  }

  const passwordHash = await hashPassword(PASSWORD); // Hashed once, shared by every demo user.
  const meta = { ip: null, userAgent: "db:seed" };
  const invites: Invite[] = [];

  await db.transaction(async (tx) => {
    const ids: Record<string, string> = {};
    for (const u of USERS) {
      const [row] = await tx
        .insert(users)
        .values({ name: u.name, email: u.email, passwordHash, emailVerifiedAt: new Date() })
        .onConflictDoUpdate({ target: users.email, set: { passwordHash, emailVerifiedAt: new Date() } })
        .returning({ id: users.id });
      ids[u.key] = row.id;
    }
    const actorOf = (key: string, role: OrgRole | null): Actor & { role: OrgRole | null } => {
      const u = USERS.find((x) => x.key === key)!;
      return {
        viewer: { id: ids[key], name: u.name, email: u.email, emailVerified: true, lastOrgId: null, credential: { kind: "session", id: "seed", method: "password", emailVouchedBy: null, authenticatedAt: new Date(), onlyOrgId: null } },
        meta,
        role,
      };
    };

    for (const o of ORGS) {
      const [org] = await tx.insert(organizations).values({ name: o.name, slug: o.slug, description: o.description, website: o.website }).returning({ id: organizations.id });
      const creator = o.members[0][0];
      const owner = actorOf(creator, "owner");
      await recordAudit(tx, owner, { orgId: org.id, action: "org.created", targetType: "org", targetId: org.id, targetLabel: o.slug, after: { name: o.name, slug: o.slug } });

      for (const [key, role] of o.members) {
        await tx.insert(memberships).values({ orgId: org.id, userId: ids[key], role, joinedVia: key === creator ? "created" : "seed" });
        if (key !== creator) {
          const u = USERS.find((x) => x.key === key)!;
          await recordAudit(tx, owner, { orgId: org.id, action: "member.added", targetType: "user", targetId: ids[key], targetLabel: u.email, after: { role } });
        }
      }

      const teamIds: Record<string, string> = {};
      for (const t of o.teams) {
        const [team] = await tx.insert(teams).values({ orgId: org.id, name: t.name, slug: t.slug, createdBy: ids[creator] }).returning({ id: teams.id });
        teamIds[t.slug] = team.id;
        await tx.insert(teamMembers).values(t.members.map((key) => ({ teamId: team.id, userId: ids[key] })));
        await recordAudit(tx, owner, { orgId: org.id, action: "team.created", targetType: "team", targetId: team.id, targetLabel: t.slug, after: { name: t.name } });
      }

      for (const p of o.projects) {
        const [project] = await tx
          .insert(projects)
          .values({ orgId: org.id, name: p.name, slug: p.slug, description: p.description, visibility: p.visibility, createdBy: ids[creator] })
          .returning({ id: projects.id });
        if (p.team) await tx.insert(projectGrants).values({ projectId: project.id, teamId: teamIds[p.team], role: "write" });
        await recordAudit(tx, owner, { orgId: org.id, action: "project.created", targetType: "project", targetId: project.id, targetLabel: p.slug, after: { name: p.name, visibility: p.visibility } });
        if (p.collaborator) {
          const { email, role } = p.collaborator;
          const token = newToken();
          const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
          const mailId = randomUUID();
          const inviterName = USERS.find((u) => u.key === creator)!.name;
          await enqueueMail(tx, { id: mailId, ...projectInvitationMail(email, { inviterName, orgName: o.name, projectName: p.name, role, expiresAt, url: `${appUrl()}/invite/${token}` }) });
          const [row] = await tx
            .insert(invitations)
            .values({ orgId: org.id, projectId: project.id, email, projectRole: role, tokenHash: hashToken(token), invitedBy: ids[creator], expiresAt, mailId })
            .returning({ id: invitations.id });
          invites.push({ org: o.slug, project: p.slug, email, role, token });
          await recordAudit(tx, owner, { orgId: org.id, action: "project.invitation_sent", targetType: "invitation", targetId: row.id, targetLabel: `${p.slug}: ${email}`, after: { email, project: p.slug, role } });
        }
      }

      for (const inv of o.invitations) {
        const token = newToken();
        const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
        const mailId = randomUUID();
        const inviter = USERS.find((u) => u.key === creator)!.name;
        await enqueueMail(tx, { id: mailId, ...invitationMail(inv.email, { inviterName: inviter, orgName: o.name, role: inv.role, expiresAt, url: `${appUrl()}/invite/${token}` }) });
        const [row] = await tx
          .insert(invitations)
          .values({ orgId: org.id, email: inv.email, role: inv.role, tokenHash: hashToken(token), invitedBy: ids[creator], expiresAt, mailId })
          .returning({ id: invitations.id });
        invites.push({ org: o.slug, email: inv.email, role: inv.role, token });
        await recordAudit(tx, owner, { orgId: org.id, action: "invitation.created", targetType: "invitation", targetId: row.id, targetLabel: inv.email, after: { role: inv.role } });
      }

      // Everyone lands on their first organization after sign-in.
      for (const [key] of o.members) {
        await tx.update(users).set({ lastOrgId: org.id }).where(eq(users.id, ids[key]));
      }
    }
    // The Acme owner also belongs to Vision Lab; Acme ML stays their home organization.
    const [acme] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "acme-ml"));
    await tx.update(users).set({ lastOrgId: acme.id }).where(eq(users.id, ids.owner));

    // SSO through the local provider of `npm run dev:idp`; people at acme.test join as viewers.
    const sso = { providers: [], openJoin: true, defaultRole: "viewer" as const, requireSso: false, oidcIssuer: DEV_IDP.issuer, oidcClientId: DEV_IDP.clientId, oidcDisplayName: "Acme SSO (local)" };
    await tx.insert(orgAuthSettings).values({ orgId: acme.id, ...sso, oidcClientSecret: seal("sso client secret", DEV_IDP.clientSecret) });
    // .test names have no public DNS to prove them in: the seed marks the demo domain verified.
    await tx.insert(orgDomains).values({ orgId: acme.id, domain: "acme.test", verifiedAt: new Date() });
    await recordAudit(tx, actorOf("owner", "owner"), { orgId: acme.id, action: "org.auth_settings.updated", targetType: "org", targetId: acme.id, targetLabel: "acme-ml", after: { ...sso, domains: ["acme.test"] } });
  });

  return invites;
}

function printSummary(invites: Invite[]) {
  const rows = USERS.map((u) => {
    const roles = ORGS.flatMap((o) => o.members.filter(([k]) => k === u.key).map(([, role]) => `${o.slug}: ${role}`));
    return { email: u.email, password: PASSWORD, roles: roles.join(", ") };
  });
  console.log("\nDemo seeded. Sign in as:");
  console.table(rows);
  if (invites.length) {
    console.log(`Pending invitations (links valid for ${INVITATION_DAYS} days; shown once, only their hashes are stored):`);
    console.table(invites.map((i) => ({ org: i.org, project: i.project ?? "", email: i.email, role: i.role, link: `${appUrl()}/invite/${i.token}` })));
  }
}

async function main() {
  refuseIfFolderInUse();
  const where = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${process.env.PGLITE_DIR ?? ".data/pglite"}`;
  console.log(`Seeding ${where}…`);
  try {
    const db = await getDb();
    const invites = await seed(db);
    // The invitation mails go out now: to the dev inbox (/dev/mail) without SMTP_URL.
    await deliverDue();
    if (invites) printSummary(invites);
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
