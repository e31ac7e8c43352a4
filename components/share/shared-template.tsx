import type { ShareSnapshot, SharedTemplate as Template } from "@/lib/shares/snapshot";
import { SharedMessageItem } from "./shared-message";
import { SharedSettings } from "./shared-settings";
import { UseThisPrompt } from "./use-this-prompt";

/** A prompt shared as a template: its name, its variables' form with the defaults, its turns and settings. */
export function SharedTemplate({ id, snapshot, template }: { id: string; snapshot: ShareSnapshot; template: Template }) {
  const tools = template.options?.tools ?? [];
  const format = template.options?.responseFormat;
  return (
    <div className="space-y-4">
      <section aria-labelledby="template-heading" className="rounded-xl border border-line p-3">
        <h2 id="template-heading" className="break-words text-lg font-semibold">
          {template.name}
        </h2>
        {template.description ? <p className="break-words text-sm text-muted">{template.description}</p> : null}
        <UseThisPrompt id={id} variables={template.variables} />
      </section>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="turns-heading" className="space-y-3 rounded-xl border border-line p-3">
          <h2 id="turns-heading" className="text-base font-semibold">
            Prompt turns
          </h2>
          {snapshot.messages.length ? (
            <ol className="space-y-3" aria-label="Prompt turns">
              {snapshot.messages.map((message, i) => (
                <SharedMessageItem key={i} message={message} prices={snapshot.prices ?? null} position={i} />
              ))}
            </ol>
          ) : (
            <p className="text-sm text-muted">No turns: the System Message and your first message make the prompt.</p>
          )}
          {tools.length || (format && format.type !== "text") ? (
            <dl className="space-y-1 text-sm">
              {tools.length ? (
                <div>
                  <dt className="text-muted">Functions</dt>
                  <dd>{tools.map((t) => t.name).join(", ")}</dd>
                </div>
              ) : null}
              {format && format.type !== "text" ? (
                <div>
                  <dt className="text-muted">Response format</dt>
                  <dd>{format.type === "json_object" ? "JSON object" : "JSON schema"}</dd>
                </div>
              ) : null}
            </dl>
          ) : null}
        </section>
        <SharedSettings snapshot={snapshot} />
      </div>
    </div>
  );
}
