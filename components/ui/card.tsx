import type { ComponentProps, ReactNode } from "react";
import { clsx } from "clsx";

export function Card({ className, ...rest }: ComponentProps<"section">) {
  return (
    <section
      className={clsx("rounded-lg border border-border bg-surface shadow-sm", className)}
      {...rest}
    />
  );
}

export type CardHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links shown at the end of the header row. */
  actions?: ReactNode;
  /** Heading level so the card fits the page outline (h1 belongs to the page). */
  as?: "h2" | "h3" | "h4";
  /** Lets the Card's section be labelled by its title: `<Card aria-labelledby={id}>`. */
  titleId?: string;
  className?: string;
};

export function CardHeader({ title, description, actions, as: Heading = "h2", titleId, className }: CardHeaderProps) {
  return (
    <div
      className={clsx(
        "flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4",
        className,
      )}
    >
      <div className="min-w-0">
        <Heading id={titleId} className="text-base font-semibold text-fg">
          {title}
        </Heading>
        {description && <p className="mt-1 text-sm text-fg-muted">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardBody({ className, ...rest }: ComponentProps<"div">) {
  return <div className={clsx("px-5 py-4", className)} {...rest} />;
}
