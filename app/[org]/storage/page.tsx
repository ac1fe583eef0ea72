import type { Metadata } from "next";
import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { runLabel } from "@/components/runs/run-display";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/table";
import { Card, PageHeader } from "@/components/ui/card";
import { formatBytes } from "@/components/ui/format";
import { can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { storageBreakdown } from "@/lib/storage/breakdown";
import type { StorageUsage } from "@/lib/storage/service";
import { setTierAction } from "./actions";
import { TierForm } from "./tier-form";

export const metadata: Metadata = { title: "Storage" };

const limitText = (limit: number | null) => (limit === null ? "unlimited" : formatBytes(limit));

/** Usage against the tier as a bar; the same numbers stand in the table beside it. */
function UsageBar({ usage }: { usage: StorageUsage }) {
  const limit = usage.tier.limitBytes;
  const total = usage.liveBytes + usage.deletedBytes;
  const scale = limit ?? Math.max(total, 1);
  const width = (bytes: number) => `${Math.min((bytes / scale) * 100, 100)}%`;
  const full = usage.share !== null && usage.share >= 1;
  return (
    <div aria-hidden="true" className="space-y-2">
      <div className="flex h-5 w-full overflow-hidden rounded-md border border-slate-300 bg-slate-100">
        <div className={full ? "bg-red-600" : usage.share !== null && usage.share >= 0.8 ? "bg-amber-500" : "bg-indigo-600"} style={{ width: width(usage.liveBytes) }} />
        <div className="bg-[repeating-linear-gradient(45deg,#94a3b8_0,#94a3b8_4px,#e2e8f0_4px,#e2e8f0_8px)]" style={{ width: width(usage.deletedBytes) }} />
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        <span className="flex items-center gap-1.5">
          <span className="inline-block size-3 rounded-sm bg-indigo-600" /> In use
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block size-3 rounded-sm bg-[repeating-linear-gradient(45deg,#94a3b8_0,#94a3b8_2px,#e2e8f0_2px,#e2e8f0_4px)]" /> Deleted, not purged
        </span>
      </div>
    </div>
  );
}

export default async function StoragePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const actor = await orgActorFor(slug, "/storage");
  const breakdown = await pageRead(() => storageBreakdown(actor), `/${slug}/storage`);
  const { usage } = breakdown;
  const orgBase = `/${actor.org.slug}`;
  const changesTier = can(actor.principal, "org.plan.change");
  const limit = usage.tier.limitBytes;
  const percent = usage.share === null ? null : Math.floor(usage.share * 1000) / 10;
  const used = usage.liveBytes + usage.deletedBytes;

  return (
    <>
      <PageHeader title="Storage" description={`What the artifacts of ${actor.org.name}'s runs and registry versions take, against its storage tier.`} />
      {usage.warning && (
        <div role="alert" className="mb-6 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>
            {usage.warning}{" "}
            {changesTier ? "Delete and purge artifacts you no longer need, or move to a larger tier below." : "Delete and purge artifacts you no longer need, or ask an owner to move to a larger tier."}
          </p>
        </div>
      )}
      <div className="space-y-6">
        <Card title={`${usage.tier.name} tier`} description={limit === null ? "Unlimited: nothing is refused for size." : `Up to ${formatBytes(limit)}. Past it, new artifacts are refused; nothing stored is touched.`}>
          <p className="text-2xl font-semibold text-slate-900">
            {formatBytes(usage.liveBytes)}
            <span className="text-base font-normal text-slate-600">
              {" "}
              of {limitText(limit)}
              {percent !== null && ` (${percent.toLocaleString("en")} %)`}
            </span>
          </p>
          <UsageBar usage={usage} />
          <table className="w-full max-w-md text-sm">
            <caption className="sr-only">Storage usage</caption>
            <tbody className="divide-y divide-slate-200">
              <tr>
                <th scope="row" className="py-2 text-left font-medium text-slate-900">
                  In use
                </th>
                <td className="py-2 text-right">{formatBytes(usage.liveBytes)}</td>
              </tr>
              <tr>
                <th scope="row" className="py-2 pl-4 text-left font-normal text-slate-700">
                  of which registry versions
                </th>
                <td className="py-2 text-right">{formatBytes(breakdown.registryBytes)}</td>
              </tr>
              <tr>
                <th scope="row" className="py-2 text-left font-medium text-slate-900">
                  Deleted, not purged yet
                </th>
                <td className="py-2 text-right">{formatBytes(usage.deletedBytes)}</td>
              </tr>
              <tr>
                <th scope="row" className="py-2 text-left font-medium text-slate-900">
                  Free
                </th>
                <td className="py-2 text-right">{limit === null ? "Unlimited" : formatBytes(Math.max(limit - usage.liveBytes, 0))}</td>
              </tr>
            </tbody>
          </table>
          {used === 0 && <p className="text-sm text-slate-600">Nothing is stored yet. Artifacts that runs record, and registry versions, count here as soon as they are written.</p>}
        </Card>

        <Card title="Largest projects" description="By the bytes of their runs' artifacts, deleted ones included until they are purged.">
          <DataTable
            caption="Largest projects"
            columns={[
              { key: "project", header: "Project", cardLabel: false },
              { key: "live", header: "In use" },
              { key: "deleted", header: "Deleted, not purged" },
              { key: "runs", header: "Runs" },
            ]}
            rows={breakdown.projects.map((p) => ({
              key: p.slug,
              cells: {
                project: (
                  <Link href={`${orgBase}/projects/${p.slug}/runs`} className="font-medium break-all text-indigo-700 hover:underline">
                    {p.name}
                  </Link>
                ),
                live: formatBytes(p.liveBytes),
                deleted: formatBytes(p.deletedBytes),
                runs: p.runs.toLocaleString("en"),
              },
            }))}
            empty={<p className="text-sm text-slate-600">No project stores artifacts yet.</p>}
          />
          {breakdown.otherProjectsBytes > 0 && <p className="text-sm text-slate-600">Projects you cannot see hold another {formatBytes(breakdown.otherProjectsBytes)}.</p>}
        </Card>

        <Card title="Largest runs">
          <DataTable
            caption="Largest runs"
            columns={[
              { key: "run", header: "Run", cardLabel: false },
              { key: "project", header: "Project" },
              { key: "bytes", header: "Size" },
            ]}
            rows={breakdown.runs.map((r) => ({
              key: r.id,
              cells: {
                run: (
                  <span className="flex flex-wrap items-center gap-2">
                    <Link href={`${orgBase}/projects/${r.project.slug}/runs/${r.number}`} className="font-medium break-all text-indigo-700 hover:underline">
                      {runLabel(r)}
                    </Link>
                    {r.deleted && <Badge tone="red">Deleted</Badge>}
                  </span>
                ),
                project: r.project.name,
                bytes: formatBytes(r.bytes),
              },
            }))}
            empty={<p className="text-sm text-slate-600">No run stores artifacts yet.</p>}
          />
        </Card>

        <Card title="What a purge would reclaim">
          <p className="text-sm text-slate-700">
            {breakdown.purge.runs === 0
              ? "No deleted runs wait to be purged."
              : `Purging the ${breakdown.purge.runs.toLocaleString("en")} deleted run${breakdown.purge.runs === 1 ? "" : "s"} would free ${formatBytes(breakdown.purge.bytes)}. Project admins purge them from each project's deleted runs (Runs, Show: Deleted).`}
          </p>
        </Card>

        {changesTier && (
          <Card title="Change the tier" description="Only owners change the tier. A smaller tier deletes nothing: new artifacts are refused until usage fits.">
            <TierForm
              action={setTierAction}
              orgSlug={actor.org.slug}
              current={usage.tier.id}
              tiers={usage.tiers.map((t) => ({ id: t.id, name: t.name, limit: limitText(t.limitBytes), fits: t.limitBytes === null || usage.liveBytes <= t.limitBytes }))}
            />
          </Card>
        )}
      </div>
    </>
  );
}
