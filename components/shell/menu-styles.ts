/** Shared look of Radix dropdown menus in the app header. */
export const menuContentStyles =
  "z-50 min-w-56 max-w-[calc(100vw-1rem)] rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg";

export const menuItemStyles =
  "flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-slate-700 outline-none select-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-60";

export const menuSeparatorStyles = "my-1 h-px bg-slate-200";
