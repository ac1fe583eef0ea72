import { getDb } from "@/db/client";
import { teamMembers, teams } from "@/db/schema";
import { createModel, registerVersion } from "@/lib/registry/service";
import { orgActorOf, type Person } from "./people";

export const DIGEST = `sha256:${"ab".repeat(32)}`;

/** A model with two versions, created through the service by `by` (an owner or admin of the org). */
export async function seedModel(by: Person, slug: string, name = "churn") {
  const actor = await orgActorOf(by, slug);
  await createModel(actor, { name, description: "Predicts churn" });
  await registerVersion(actor, name, { inputs: { lr: 0.01 }, outputs: { auc: 0.91 }, artifacts: [{ path: "model.pkl", digest: DIGEST, size: 1024 }] });
  await registerVersion(actor, name, { inputs: { lr: 0.02 }, outputs: { auc: 0.93 } });
  return name;
}

/** A team written straight into the database, with these people on it. */
export async function seedTeam(orgId: string, slug: string, people: Person[]) {
  const db = await getDb();
  const [team] = await db.insert(teams).values({ orgId, slug, name: slug.toUpperCase() }).returning();
  if (people.length) await db.insert(teamMembers).values(people.map((p) => ({ teamId: team.id, userId: p.id })));
  return team;
}
