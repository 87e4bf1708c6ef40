import { clsx } from "clsx";

export type SpinnerProps = {
  /** Announced to screen readers; omit when the surrounding control already says it is busy. */
  label?: string;
  size?: "sm" | "md" | "lg";
  className?: string;
};

const sizes = { sm: "size-4", md: "size-5", lg: "size-8" } as const;

export function Spinner({ label, size = "md", className }: SpinnerProps) {
  const svg = (
    <svg
      className={clsx("animate-spin text-current", sizes[size], className)}
      viewBox="0 0 24 24"
      fill="none"
      aria-hidden="true"
    >
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="3" opacity="0.25" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
  if (!label) return svg;
  return (
    <span role="status" className="inline-flex items-center gap-2">
      {svg}
      <span className="sr-only">{label}</span>
    </span>
  );
}
