import { useI18n } from "../i18n.tsx";

const FORMATS = ["csv", "xlsx", "pdf"] as const;

/** Download links of a register: `<base>.<format>` (dotted) or `<base>/export?format=<format>`. */
export function ExportLinks({ base, dotted = false, lang }: { base: string; dotted?: boolean; lang?: string }) {
  const { t } = useI18n();
  const href = (f: string) => (dotted ? `${base}.${f}${lang ? `?lang=${lang}` : ""}` : `${base}/export?format=${f}${lang ? `&lang=${lang}` : ""}`);
  return (
    <p className="ra-exports">
      {t.exports}:{" "}
      {FORMATS.map((f, i) => (
        <span key={f}>
          {i > 0 && " · "}
          <a href={href(f)} download>
            {f.toUpperCase()}
          </a>
        </span>
      ))}
    </p>
  );
}
