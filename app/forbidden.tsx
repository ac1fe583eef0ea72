import { ShieldAlert } from "lucide-react";
import { ProblemPage } from "./problem-page";

export default function Forbidden() {
  return (
    <ProblemPage
      icon={ShieldAlert}
      title="You don't have access to this page"
      text="Your role in this organization does not allow it. Ask an owner if you need access."
    />
  );
}
