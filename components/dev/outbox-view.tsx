import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format/date";
import type { OutboxItem } from "@/lib/outbox/types";

// The development outbox: what the app "sent" (caught by the local SMTP catcher or the logging
// SMS driver). Shown as plain text only: rendering a message's HTML here would run whatever it
// contains with the app's origin. Portuguese only, like the messages themselves (dev tooling).

const URL_PATTERN = /(https?:\/\/[^\s<>"')]+)/g;

/** Text with its http(s) URLs as links (React escapes the rest). */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = text.split(URL_PATTERN).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="break-all text-brand-700 underline hover:text-brand-800">
        {part}
      </a>
    ) : (
      part
    ),
  );
  return <>{parts}</>;
}

function OutboxEntry({ item }: { item: OutboxItem }) {
  const to = item.kind === "email" ? item.to.join(", ") : item.to;
  return (
    <li>
      <Card aria-label={item.kind === "email" ? `E-mail para ${to}` : `SMS para ${to}`}>
        <CardHeader
          as="h2"
          title={item.kind === "email" ? item.subject || "(sem assunto)" : "SMS"}
          description={
            <>
              <span className="mr-2">
                <Badge tone={item.kind === "email" ? "info" : "brand"}>{item.kind === "email" ? "E-mail" : "SMS"}</Badge>
              </span>
              <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time>
              {" · "}Para: <span className="font-medium text-fg">{to}</span>
              {item.kind === "email" && <> · De: {item.from}</>}
            </>
          }
        />
        <CardBody>
          <pre className="font-sans text-sm whitespace-pre-wrap break-words text-fg">
            <Linkified text={item.text} />
          </pre>
        </CardBody>
      </Card>
    </li>
  );
}

export function OutboxView({ items, limit }: { items: OutboxItem[]; limit: number }) {
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 p-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm font-semibold text-brand-700">Somente desenvolvimento</p>
          <h1 className="text-2xl font-semibold text-fg">Caixa de saída</h1>
          <p className="mt-1 text-sm text-fg-muted">
            E-mails e SMS enviados pela aplicação neste ambiente, do mais recente ao mais antigo (últimos {limit}).
            Nada foi entregue de verdade.
          </p>
        </div>
        {/* A plain link, not a client component: the page is server-rendered per request. */}
        <a href="/dev/outbox" className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Atualizar
        </a>
      </header>
      {items.length === 0 ? (
        <Card>
          <EmptyState title="Nenhuma mensagem enviada ainda." description="E-mails e SMS aparecerão aqui assim que forem enviados." />
        </Card>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Mensagens enviadas">
          {items.map((item) => (
            <OutboxEntry key={item.id} item={item} />
          ))}
        </ol>
      )}
    </main>
  );
}
