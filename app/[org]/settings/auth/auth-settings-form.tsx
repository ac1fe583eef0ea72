"use client";

import { useState } from "react";
import { TriangleAlert } from "lucide-react";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField, Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { AuthSettings } from "@/lib/auth-settings/service";
import { updateAuthSettingsAction } from "./actions";
import { CopyableValue } from "./copy-button";
import { TestSignIn } from "./test-sign-in";

type Props = { settings: AuthSettings; orgSlug: string; orgName: string; canEdit: boolean };

function Warning({ children }: { children: React.ReactNode }) {
  return (
    <p className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>{children}</span>
    </p>
  );
}

export function AuthSettingsForm({ settings, orgSlug, orgName, canEdit }: Props) {
  const [useOidc, setUseOidc] = useState(settings.oidc !== null);
  const [requireSso, setRequireSso] = useState(settings.requireSso);
  const { server } = settings;
  return (
    <ActionForm action={updateAuthSettingsAction} className="space-y-6">
      {(state) => {
        // After a refused save the form shows what was sent (React resets uncontrolled fields).
        const sent = state?.ok === false ? state.values : undefined;
        const checked = (name: string, saved: boolean) => (sent ? sent[name] === "on" : saved);
        const value = (name: string, saved: string) => sent?.[name] ?? saved;
        const error = (name: string) => state?.fields?.[name];
        return (
          <fieldset disabled={!canEdit} className="space-y-6">
            <legend className="sr-only">Authentication settings</legend>
            <input type="hidden" name="currentSlug" value={orgSlug} />

            <Card title="Sign-in methods" description={`How members sign in to ${orgName}.`}>
              <div className="flex items-start justify-between gap-3 rounded-md border border-slate-200 px-3 py-2">
                <div>
                  <p className="text-sm font-medium text-slate-900">Email and password</p>
                  <p className="text-sm text-slate-600">{requireSso ? "Only owners, as a way in when SSO fails." : "Anyone can use it."}</p>
                </div>
                <Badge tone={requireSso ? "amber" : "green"}>{requireSso ? "Owners only" : "Accepted"}</Badge>
              </div>
              {server.providers.length ? (
                <div className="space-y-3" role="group" aria-labelledby="providers-label">
                  <p id="providers-label" className="text-sm font-medium text-slate-900">
                    Sign-in providers of this server
                  </p>
                  {server.providers.map((p) => (
                    <CheckboxField
                      key={p.id}
                      name={`providers.${p.id}`}
                      label={`Accept ${p.name}`}
                      defaultChecked={checked(`providers.${p.id}`, settings.providers.includes(p.id))}
                    />
                  ))}
                  {error("providers") && <p className="text-sm font-medium text-red-700">{error("providers")}</p>}
                </div>
              ) : (
                <p className="text-sm text-slate-600">
                  This server offers no other sign-in providers. Whoever runs this Atrium server can add GitHub, GitLab, Google or Microsoft Entra ID.
                </p>
              )}
            </Card>

            <Card title="Your identity provider" description="Sign members in through your company's OpenID Connect provider (Okta, Entra ID, Keycloak, Google Workspace…).">
              <CheckboxField
                name="oidcEnabled"
                label="Use our own identity provider"
                defaultChecked={checked("oidcEnabled", settings.oidc !== null)}
                onChange={setUseOidc}
              />
              {useOidc ? (
                <div className="space-y-4">
                  <div className="space-y-1.5">
                    <p className="text-sm font-medium text-slate-900">Redirect URI</p>
                    <CopyableValue value={server.redirectUri} label="the redirect URI" />
                    <p className="text-sm text-slate-600">Register this as the sign-in redirect URI of the application at your provider.</p>
                  </div>
                  <Field
                    name="oidc.issuer"
                    label="Issuer URL"
                    type="url"
                    required
                    maxLength={500}
                    placeholder="https://login.example.com"
                    defaultValue={value("oidc.issuer", settings.oidc?.issuer ?? "")}
                    error={error("oidc.issuer")}
                    hint="Checked when you save: its /.well-known/openid-configuration must answer."
                  />
                  <div className="grid gap-4 sm:grid-cols-2">
                    <Field name="oidc.clientId" label="Client ID" required maxLength={255} defaultValue={value("oidc.clientId", settings.oidc?.clientId ?? "")} error={error("oidc.clientId")} />
                    {canEdit ? (
                      <Field
                        name="oidc.clientSecret"
                        label="Client secret"
                        type="password"
                        autoComplete="off"
                        required={!settings.oidc}
                        maxLength={2000}
                        placeholder={settings.oidc ? "Saved: leave blank to keep it" : undefined}
                        error={error("oidc.clientSecret")}
                        hint="Stored encrypted. Never shown again."
                      />
                    ) : (
                      <div className="space-y-1.5">
                        <p className="text-sm font-medium text-slate-900">Client secret</p>
                        <p className="text-sm text-slate-600">{settings.oidc ? "Saved (never shown)." : "Not set."}</p>
                      </div>
                    )}
                  </div>
                  <Field
                    name="oidc.displayName"
                    label="Button label"
                    maxLength={60}
                    placeholder={`${orgName} SSO`}
                    defaultValue={value("oidc.displayName", settings.oidc?.displayName ?? "")}
                    error={error("oidc.displayName")}
                    hint="People see “Continue with …” and this name."
                  />
                  <div className="grid gap-4 sm:grid-cols-2">
                    <Field
                      name="oidc.emailClaim"
                      label="Email claim"
                      maxLength={100}
                      defaultValue={value("oidc.emailClaim", settings.oidc?.emailClaim ?? "email")}
                      error={error("oidc.emailClaim")}
                      hint="The claim that holds the address; email unless your provider uses another."
                    />
                    <Field
                      name="oidc.groupsClaim"
                      label="Groups claim (optional)"
                      maxLength={100}
                      placeholder="groups"
                      defaultValue={value("oidc.groupsClaim", settings.oidc?.groupsClaim ?? "")}
                      error={error("oidc.groupsClaim")}
                      hint="Kept with each person's sign-in, shown on their account page."
                    />
                  </div>
                  {canEdit && <TestSignIn />}
                </div>
              ) : (
                settings.oidc && <Warning>Saving removes your identity provider and unlinks everyone&apos;s sign-ins through it.</Warning>
              )}
            </Card>

            <Card title="Domains" description="Your organization's email domains.">
              <TextAreaField
                name="domains"
                label="Email domains"
                rows={3}
                maxLength={20_000}
                placeholder="example.com"
                defaultValue={value("domains", settings.domainClaims.map((c) => c.display).join("\n"))}
                error={error("domains")}
                hint="One per line. Each must then be verified with a DNS record (below). A verified domain: “Sign in with SSO” sends its addresses to you, your identity provider may sign them in, open join offers them to join. Public suffixes, public mail services and look-alike names are refused."
              />
            </Card>

            <Card title="Joining" description="By default people join only by invitation.">
              {server.openJoinAllowed ? (
                <>
                  <CheckboxField
                    name="openJoin"
                    label="Open join"
                    defaultChecked={checked("openJoin", settings.openJoin)}
                    error={error("openJoin")}
                    hint="People whose confirmed address is at one of your verified domains are offered to join (a Join button on their list of organizations) without an invitation. Signing in through your own identity provider joins them at once."
                  />
                  <SelectField
                    name="defaultRole"
                    label="Role of people who join"
                    defaultValue={value("defaultRole", settings.defaultRole)}
                    error={error("defaultRole")}
                    options={[
                      { value: "member", label: "Member" },
                      { value: "viewer", label: "Viewer" },
                    ]}
                  />
                </>
              ) : (
                <>
                  <input type="hidden" name="defaultRole" value={settings.defaultRole} />
                  <p className="text-sm text-slate-600">This server is invitation-only: open join is off for every organization.</p>
                </>
              )}
            </Card>

            <Card title="Require single sign-on">
              <CheckboxField
                name="requireSso"
                label="Require SSO for members"
                defaultChecked={checked("requireSso", settings.requireSso)}
                onChange={setRequireSso}
                error={error("requireSso")}
                hint="Admins, members and viewers must sign in through your identity provider or an accepted provider to open this organization's pages and API. Owners keep password sign-in, so nobody is locked out."
              />
            </Card>

            {canEdit && <SubmitButton pendingLabel="Saving…">Save authentication settings</SubmitButton>}
          </fieldset>
        );
      }}
    </ActionForm>
  );
}
