import { SearchX } from "lucide-react";
import { ProblemPage } from "./problem-page";

export default function NotFound() {
  return <ProblemPage icon={SearchX} title="Nothing here" text="The page does not exist, or you do not have access to it." />;
}
