"use client";

import type { ReactNode } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";

type DialogPanelProps = {
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
  onCloseAutoFocus?: (event: Event) => void;
};

/** The look of every modal: overlay, centred panel, title, description, a close button. Put it inside a Dialog.Root. */
export function DialogPanel({ title, description, children, onCloseAutoFocus }: DialogPanelProps) {
  return (
    <Dialog.Portal>
      <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
      <Dialog.Content
        className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-md border border-slate-200 bg-white p-6 shadow-lg focus:outline-none"
        onCloseAutoFocus={onCloseAutoFocus}
      >
        <Dialog.Title className="pr-8 text-lg font-semibold break-words text-slate-900">{title}</Dialog.Title>
        <Dialog.Description className="mt-2 text-sm text-slate-600">{description}</Dialog.Description>
        {children}
        <Dialog.Close
          className="absolute top-4 right-4 rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
          aria-label="Close"
        >
          <X className="size-4" aria-hidden="true" />
        </Dialog.Close>
      </Dialog.Content>
    </Dialog.Portal>
  );
}
