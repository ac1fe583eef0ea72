"use client";

import { Toaster as SonnerToaster } from "sonner";

export function Toaster() {
  return <SonnerToaster position="top-right" closeButton toastOptions={{ classNames: { toast: "!text-slate-900", description: "!text-slate-700" } }} />;
}
