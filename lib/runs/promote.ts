import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { runArtifacts, runLineage } from "@/db/schema";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { authorize, gate } from "@/lib/authz";
import { ForbiddenError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { insertModelVersion, type ModelVersion } from "@/lib/registry/service";
import { assertNotDeleted, findRun, runsProject } from "./queries";
import { promoteRunInput } from "./schemas";

/**
 * Promotes a run to a new immutable version of a registry model: the version snapshots the run's
 * inputs, outputs and output artifacts (path, digest, size), and records the run, its project, its
 * input artifacts, its upstream runs and component digest, so it can be traced back and reproduced
 * after the run is gone. Its bytes count against the storage tier like any version's. Owners and
 * admins (registry.promote), who must also see the run.
 */
export async function promoteRun(actor: OrgActor, projectSlug: string, runRef: string, input: z.input<typeof promoteRunInput>): Promise<{ model: string; version: ModelVersion }> {
  const db = await getDb();
  authorize((await runsProject(db, actor, projectSlug)).principal, "run.view");
  gate(actor.principal, "registry.promote");
  const viewer = requireViewer(actor);
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first.");
  const data = parseInput(promoteRunInput, input);
  return db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "share");
    authorize(principal, "run.view");
    authorize(actor.principal, "registry.promote");
    // Shared: the run cannot be purged or deleted while its snapshot is taken.
    const run = await findRun(tx, project, runRef, "share");
    assertNotDeleted(run);
    const [artifacts, upstream] = await Promise.all([
      tx.select({ path: runArtifacts.path, digest: runArtifacts.digest, size: runArtifacts.size, direction: runArtifacts.direction }).from(runArtifacts).where(eq(runArtifacts.runId, run.id)).orderBy(runArtifacts.path),
      tx.select({ id: runLineage.upstreamRunId }).from(runLineage).where(eq(runLineage.downstreamRunId, run.id)),
    ]);
    const ref = ({ path, digest, size }: (typeof artifacts)[number]) => ({ path, digest, size });
    try {
      const { model, version } = await insertModelVersion(
        tx,
        actor,
        viewer,
        data.model,
        {
          description: data.description || run.description,
          inputs: run.inputs as Record<string, unknown>,
          outputs: run.outputs as Record<string, unknown>,
          artifacts: artifacts.filter((a) => a.direction === "output").map(ref),
        },
        {
          runId: run.id,
          runNumber: run.number,
          runName: run.name,
          projectId: project.id,
          projectSlug: project.slug,
          projectName: project.name,
          componentDigest: run.componentDigest,
          upstream: upstream.map((u) => u.id),
          inputArtifacts: artifacts.filter((a) => a.direction === "input").map(ref),
        },
      );
      return { model: model.name, version };
    } catch (error) {
      if (error instanceof NotFoundError) throw new ValidationError("No model by that name.", { model: "No model by that name in this organization: create it in the registry first." });
      throw error;
    }
  });
}
