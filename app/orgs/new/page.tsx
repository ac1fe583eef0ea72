import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { CreateOrgForm } from "./create-org-form";

export const metadata: Metadata = { title: "New organization" };

export default function NewOrgPage() {
  return (
    <>
      <PageHeader title="Create an organization" description="You will be its owner. Invite people once it exists." />
      <div className="rounded-md border border-slate-200 bg-white p-6">
        <CreateOrgForm />
      </div>
    </>
  );
}
