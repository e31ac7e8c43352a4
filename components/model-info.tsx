/** Below the playground: what the seed page tells about the model, server-rendered. */
import { ABOUT, API_ENDPOINTS, FAQ, KEY_FEATURES, RELATED_MODELS, SPECIFICATIONS, USE_CASES } from "@/lib/model/info";
import { MODEL } from "@/lib/model/facts";
import { CopyButton } from "./ui/copy-button";

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-line p-4">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function BulletList({ items }: { items: readonly string[] }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function ModelInfo() {
  return (
    // Off-screen while chatting: content-visibility spares the browser its layout on every streamed frame.
    <div className="grid gap-4 [content-visibility:auto] [contain-intrinsic-size:auto_1200px] md:grid-cols-2">
      <Section id="about-heading" title={`About ${MODEL.title}`}>
        <p className="text-sm leading-relaxed">{ABOUT}</p>
      </Section>
      <Section id="specs-heading" title="Technical Specifications">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {SPECIFICATIONS.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd className="break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section id="features-heading" title="Key Features">
        <BulletList items={KEY_FEATURES} />
      </Section>
      <Section id="uses-heading" title="Use Cases">
        <BulletList items={USE_CASES} />
      </Section>
      <Section id="endpoints-heading" title="API Endpoints">
        <ul className="space-y-2 text-sm">
          {API_ENDPOINTS.map((e) => (
            <li key={e.url}>
              <p className="text-muted">{e.label}</p>
              <div className="flex flex-wrap items-center gap-2">
                <code className="break-all rounded bg-subtle px-1.5 py-0.5">
                  {e.method} {e.url}
                </code>
                <CopyButton text={e.url} label={`Copy ${e.label} URL`} />
              </div>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="related-heading" title="Related Models">
        <ul className="space-y-1 text-sm">
          {RELATED_MODELS.map((m) => (
            <li key={m.url}>
              <a className="underline underline-offset-2" href={m.url} target="_blank" rel="noopener noreferrer">
                {m.name}
              </a>{" "}
              <span className="text-muted">· {m.provider}</span>
            </li>
          ))}
        </ul>
      </Section>
      <div className="md:col-span-2">
        <Section id="faq-heading" title="FAQ">
          <div className="space-y-2">
            {FAQ.map((f) => (
              <details key={f.question} className="rounded-lg border border-line px-3 py-2">
                <summary className="cursor-pointer font-medium">{f.question}</summary>
                <p className="mt-1 text-sm">{f.answer}</p>
              </details>
            ))}
          </div>
        </Section>
      </div>
    </div>
  );
}
