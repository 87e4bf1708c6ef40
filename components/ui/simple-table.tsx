import type { ReactNode } from "react";

// A static, server-rendered table for short lists that need no paging (today's agenda, users).

export type SimpleColumn<T> = { key: string; header: string; cell: (row: T) => ReactNode; className?: string; rowHeader?: boolean };

export function SimpleTable<T>({ caption, labelledBy, columns, rows, rowKey, empty }: {
  caption: string;
  /** The id of a visible heading that already names the table: named by it, no repeated caption. */
  labelledBy?: string;
  columns: SimpleColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: ReactNode;
}) {
  if (rows.length === 0) return <div className="rounded-lg border border-border bg-surface p-6 text-center text-fg-muted">{empty}</div>;
  return (
    // Focusable, like DataTable's, so keyboard users can scroll a table wider than a phone's screen.
    <div role="region" aria-label={labelledBy ? undefined : caption} aria-labelledby={labelledBy} tabIndex={0} className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-left text-sm" aria-labelledby={labelledBy}>
        {!labelledBy && <caption className="sr-only">{caption}</caption>}
        <thead className="border-b border-border bg-canvas text-xs uppercase tracking-wide text-fg-muted">
          <tr>{columns.map((c) => <th key={c.key} scope="col" className={`px-4 py-3 font-medium ${c.className ?? ""}`}>{c.header}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => c.rowHeader
                ? <th key={c.key} scope="row" className={`px-4 py-3 font-medium text-fg ${c.className ?? ""}`}>{c.cell(row)}</th>
                : <td key={c.key} className={`px-4 py-3 ${c.className ?? ""}`}>{c.cell(row)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
