import { createComponent, pushVersion } from "@/lib/hub/service";
import { orgActorOf, type Person } from "./people";

export const SPEC_V1 = `inputs:
  - name: lr
    type: float
    default: 0.01
outputs:
  - name: model
    type: artifact
container:
  image: ghcr.io/acme/train:1.0
  command: [python, train.py]
`;
export const SPEC_V2 = SPEC_V1.replace("train:1.0", "train:2.0").replace("outputs:", "  - name: epochs\n    type: int\noutputs:");

/** A component with two versions, created through the service by `by` (an owner or admin of the org). */
export async function seedComponent(by: Person, slug: string, name = "train") {
  const actor = await orgActorOf(by, slug);
  await createComponent(actor, { name, description: "Trains", spec: SPEC_V1 });
  await pushVersion(actor, name, { spec: SPEC_V2 });
  return name;
}
