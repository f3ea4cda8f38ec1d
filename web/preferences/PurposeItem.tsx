import { useId } from "react";
import type { Purpose } from "./api.ts";
import { formatDateTime, TEXT, type Language } from "./i18n.ts";

export interface PurposeItemProps {
  purpose: Purpose;
  lang: Language;
  checked: boolean;
  onChange(on: boolean): void;
}

/** One purpose: a real checkbox labelled with its name, described by its purpose, its current state and any re-consent note. */
export function PurposeItem({ purpose: p, lang, checked, onChange }: PurposeItemProps) {
  const t = TEXT[lang];
  const id = useId();
  const [descriptionId, stateId, reconsentId] = [`${id}-d`, `${id}-s`, `${id}-r`];
  const status = p.decision && p.decidedAt ? t.status(t.decision[p.decision], formatDateTime(p.decidedAt, lang)) : t.decision.none;
  return (
    <li className={`rp-purpose${p.reconsentRequired ? " rp-needs-reconsent" : ""}`}>
      <div className="rp-control">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          onChange={(e) => onChange(e.currentTarget.checked)}
          aria-describedby={[descriptionId, stateId, p.reconsentRequired ? reconsentId : ""].filter(Boolean).join(" ")}
        />
        <label htmlFor={id} lang={p.label.lang}>
          {p.label.text}
        </label>
      </div>
      <p id={descriptionId} className="rp-description" lang={p.description.lang}>
        {p.description.text}
      </p>
      {p.cookies.length > 0 && (
        <p className="rp-cookies">
          {t.cookieNames}: {p.cookies.map((c) => `${c.name} (${c.provider})`).join(", ")}
        </p>
      )}
      <p id={stateId} className={`rp-state rp-state-${p.decision ?? "none"}`}>
        {status}
      </p>
      {p.reconsentRequired && (
        <p id={reconsentId} className="rp-reconsent">
          {t.reconsent}
        </p>
      )}
    </li>
  );
}
