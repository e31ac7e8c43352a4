import { percent } from "./spread-summary";

export interface SpreadChartPoint {
  value: number;
  /** null until a sample at this value has finished. */
  agreement: number | null;
  distinct: number;
  samples: number;
}

const W = 320;
const H = 150;
const PAD = { left: 36, right: 30, top: 10, bottom: 28 };

/**
 * Agreement (0–100%, left axis, solid line, round marks) and distinct answers (0–k, right axis,
 * dashed line, square marks) against the swept parameter: an inline SVG read out as one image
 * whose name lists every value, with the same figures in a table below for reading and copying.
 * Lines differ in dash and marks as well as colour.
 */
export function SpreadChart({ paramLabel, points, k }: { paramLabel: string; points: readonly SpreadChartPoint[]; k: number }) {
  const x = (i: number) => PAD.left + (points.length < 2 ? 0 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const yShare = (share: number) => PAD.top + (1 - share) * (H - PAD.top - PAD.bottom);
  const yCount = (count: number) => yShare(k ? count / k : 0);
  const known = points.map((p, i) => ({ ...p, i })).filter((p) => p.agreement !== null);
  const line = (y: (p: (typeof known)[number]) => number) => known.map((p, n) => `${n ? "L" : "M"}${x(p.i).toFixed(1)},${y(p).toFixed(1)}`).join(" ");
  const description = `${paramLabel}: ${points.map((p) => (p.agreement === null ? `${p.value} not run yet` : `${p.value} agreement ${percent(p.agreement)}, ${p.distinct} distinct`)).join("; ")}`;

  return (
    <figure className="space-y-2">
      <svg role="img" aria-label={`Agreement and distinct answers by ${description}`} viewBox={`0 0 ${W} ${H}`} className="w-full max-w-md text-fg">
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={PAD.left} x2={W - PAD.right} y1={yShare(share)} y2={yShare(share)} stroke="var(--color-line)" strokeWidth={1} />
            <text x={PAD.left - 4} y={yShare(share) + 3} textAnchor="end" fontSize={9} fill="currentColor">
              {percent(share)}
            </text>
            <text x={W - PAD.right + 4} y={yShare(share) + 3} fontSize={9} fill="currentColor">
              {Math.round(share * k)}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={i} x={x(i)} y={H - PAD.bottom + 14} textAnchor="middle" fontSize={9} fill="currentColor">
            {p.value}
          </text>
        ))}
        <text x={(W + PAD.left - PAD.right) / 2} y={H - 2} textAnchor="middle" fontSize={9} fill="currentColor">
          {paramLabel}
        </text>
        <path d={line((p) => yShare(p.agreement!))} fill="none" stroke="var(--color-accent)" strokeWidth={2} />
        <path d={line((p) => yCount(p.distinct))} fill="none" stroke="currentColor" strokeWidth={1.5} strokeDasharray="4 3" />
        {known.map((p) => (
          <g key={p.i}>
            <circle cx={x(p.i)} cy={yShare(p.agreement!)} r={3.5} fill="var(--color-accent)" />
            <rect x={x(p.i) - 3} y={yCount(p.distinct) - 3} width={6} height={6} fill="currentColor" />
          </g>
        ))}
      </svg>
      <figcaption className="text-xs text-muted">
        Solid line, round marks: agreement (left axis). Dashed line, square marks: distinct answers (right axis, 0–{k}).
      </figcaption>
      <table className="text-sm tabular-nums">
        <caption className="sr-only">Agreement and distinct answers by {paramLabel}</caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            <th scope="col" className="pr-4 font-medium">
              {paramLabel}
            </th>
            <th scope="col" className="pr-4 font-medium">
              Agreement
            </th>
            <th scope="col" className="pr-4 font-medium">
              Distinct answers
            </th>
            <th scope="col" className="font-medium">
              Samples done
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.value}>
              <th scope="row" className="pr-4 text-left font-normal">
                {p.value}
              </th>
              <td className="pr-4">{p.agreement === null ? "—" : percent(p.agreement)}</td>
              <td className="pr-4">{p.agreement === null ? "—" : p.distinct}</td>
              <td>{p.samples}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
