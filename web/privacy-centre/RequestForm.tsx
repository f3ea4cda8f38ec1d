import { useState, type FormEvent } from "react";
import { ApiError, sha256Hex, type Api, type Config, type Receipt, type RequestBody } from "./api.ts";
import { Field } from "./Field.tsx";
import { RIGHTS, type Language, type Right, type UiText } from "./i18n.ts";

interface Props {
  api: Api;
  config: Config;
  lang: Language;
  t: UiText;
  onSubmitted(r: Receipt, email: string): void;
}

type Errors = Partial<Record<"email" | "fields" | "repName" | "repRelationship" | "proofReference" | "proofFile" | "details", string>>;

const NEEDS_TEXT: readonly Right[] = ["complaint", "automated_decision"];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every right in one form: the right, who you are, what exactly, and (S4-16) who acts for whom. */
export function RequestForm({ api, config, lang, t, onSubmitted }: Props) {
  const [right, setRight] = useState<Right>("access");
  const [subject, setSubject] = useState({ name: "", email: "", phone: "", customerId: "" });
  const [text, setText] = useState("");
  const [fields, setFields] = useState([{ name: "", value: "" }]);
  const [purposes, setPurposes] = useState<string[]>([]);
  const [concerns, setConcerns] = useState("");
  const [onBehalf, setOnBehalf] = useState(false);
  const [rep, setRep] = useState({ name: "", relationship: "", reference: "" });
  const [proof, setProof] = useState<File>();
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState(false);

  const own = config.purposes.filter((p) => !p.processor);
  const choices = right === "withdraw_consent" ? own.filter((p) => p.consent) : own;
  const processed = config.purposes.filter((p) => p.processor);
  const filledFields = fields.filter((f) => f.name.trim() && f.value.trim());

  function validate(): Errors {
    const e: Errors = {};
    if (!subject.email.trim()) e.email = t.required;
    else if (!EMAIL.test(subject.email.trim())) e.email = t.invalidEmail;
    if (right === "rectification" && filledFields.length === 0 && !text.trim()) e.fields = t.fieldsRequired;
    if (NEEDS_TEXT.includes(right) && !text.trim()) e.details = t.required;
    if (onBehalf) {
      if (!rep.name.trim()) e.repName = t.required;
      if (!rep.relationship.trim()) e.repRelationship = t.required;
      if (!rep.reference.trim()) e.proofReference = t.required;
      if (!proof) e.proofFile = t.proofRequired;
    }
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (sending) return;
    const found = validate();
    setErrors(found);
    setProblem(undefined);
    if (Object.keys(found).length > 0) {
      // Focus the first field in error, so a keyboard or screen-reader user lands on it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    setSending(true);
    try {
      const details: RequestBody["details"] = {
        ...(text.trim() && { text: text.trim() }),
        ...(right === "rectification" && filledFields.length > 0 && { fields: Object.fromEntries(filledFields.map((f) => [f.name.trim(), f.value.trim()])) }),
        ...((right === "objection" || right === "withdraw_consent") && purposes.length > 0 && { purposes }),
      };
      const body: RequestBody & { concerns?: { activity: string } } = {
        right,
        language: lang,
        subject: {
          email: subject.email.trim(),
          ...(subject.name.trim() && { name: subject.name.trim() }),
          ...(subject.phone.trim() && { phone: subject.phone.trim() }),
          ...(subject.customerId.trim() && { customerId: subject.customerId.trim() }),
        },
        ...(Object.keys(details).length > 0 && { details }),
        ...(onBehalf && proof && { representative: { name: rep.name.trim(), relationship: rep.relationship.trim(), proof: { reference: rep.reference.trim(), sha256: await sha256Hex(proof) } } }),
        ...(concerns && { concerns: { activity: concerns } }),
      };
      onSubmitted(await api.submit(body), body.subject.email);
    } catch (e) {
      setProblem(e instanceof ApiError && e.status === 429 ? t.rateLimited : t.failed);
    } finally {
      setSending(false);
    }
  }

  const setField = (i: number, key: "name" | "value", value: string) => setFields(fields.map((f, j) => (j === i ? { ...f, [key]: value } : f)));

  return (
    <form className="pc-form" noValidate onSubmit={submit}>
      <fieldset className="pc-rights">
        <legend>{t.rightLegend}</legend>
        {RIGHTS.filter((r) => config.rights.includes(r)).map((r) => (
          <div className="pc-option" key={r}>
            <input type="radio" id={`right-${r}`} name="right" value={r} checked={right === r} onChange={() => setRight(r)} aria-describedby={`right-${r}-hint`} />
            <label htmlFor={`right-${r}`}>{t.rights[r].label}</label>
            <p className="pc-hint" id={`right-${r}-hint`}>
              {t.rights[r].hint}
            </p>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t.aboutYou}</legend>
        <Field label={`${t.name} ${t.optional}`} autoComplete="name" value={subject.name} onChange={(e) => setSubject({ ...subject, name: e.target.value })} />
        <Field label={t.email} type="email" autoComplete="email" required hint={t.emailHint} error={errors.email} value={subject.email} onChange={(e) => setSubject({ ...subject, email: e.target.value })} />
        <Field label={`${t.phone} ${t.optional}`} type="tel" autoComplete="tel" value={subject.phone} onChange={(e) => setSubject({ ...subject, phone: e.target.value })} />
        <Field label={`${t.customerId} ${t.optional}`} value={subject.customerId} onChange={(e) => setSubject({ ...subject, customerId: e.target.value })} />
      </fieldset>

      {right === "rectification" && (
        <fieldset>
          <legend>{t.fieldsLegend}</legend>
          {fields.map((f, i) => (
            <div className="pc-pair" key={i}>
              <Field label={t.fieldName} value={f.name} onChange={(e) => setField(i, "name", e.target.value)} />
              <Field label={t.fieldValue} value={f.value} onChange={(e) => setField(i, "value", e.target.value)} />
            </div>
          ))}
          {errors.fields && <p className="pc-error">{errors.fields}</p>}
          <button type="button" className="pc-button pc-secondary" onClick={() => setFields([...fields, { name: "", value: "" }])}>
            {t.addField}
          </button>
        </fieldset>
      )}

      {(right === "objection" || right === "withdraw_consent") && choices.length > 0 && (
        <fieldset>
          <legend>{t.purposesLegend}</legend>
          <p className="pc-hint">{t.purposesHint[right]}</p>
          {choices.map((p) => (
            <div className="pc-option" key={p.id}>
              <input type="checkbox" id={`purpose-${p.id}`} checked={purposes.includes(p.id)} onChange={(e) => setPurposes(e.target.checked ? [...purposes, p.id] : purposes.filter((x) => x !== p.id))} />
              <label htmlFor={`purpose-${p.id}`}>{p.name}</label>
            </div>
          ))}
        </fieldset>
      )}

      <Field label={`${t.details}${NEEDS_TEXT.includes(right) ? "" : ` ${t.optional}`}`} multiline hint={t.detailsHint[right]} error={errors.details} value={text} onChange={(e) => setText(e.target.value)} />

      {processed.length > 0 && (
        <div className="pc-field">
          <label htmlFor="pc-concerns">{`${t.concerns} ${t.optional}`}</label>
          <select id="pc-concerns" value={concerns} onChange={(e) => setConcerns(e.target.value)}>
            <option value="">—</option>
            {own.concat(processed).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}

      {config.representatives && (
        <div className="pc-option pc-behalf">
          <input type="checkbox" id="pc-behalf" checked={onBehalf} onChange={(e) => setOnBehalf(e.target.checked)} />
          <label htmlFor="pc-behalf">{t.representative}</label>
        </div>
      )}
      {onBehalf && (
        <fieldset>
          <legend>{t.representativeLegend}</legend>
          <Field label={t.repName} autoComplete="off" error={errors.repName} value={rep.name} onChange={(e) => setRep({ ...rep, name: e.target.value })} />
          <Field label={t.repRelationship} error={errors.repRelationship} value={rep.relationship} onChange={(e) => setRep({ ...rep, relationship: e.target.value })} />
          <Field label={t.proofReference} error={errors.proofReference} value={rep.reference} onChange={(e) => setRep({ ...rep, reference: e.target.value })} />
          <Field label={t.proofFile} type="file" hint={t.proofHint} error={errors.proofFile} onChange={(e) => setProof(e.target.files?.[0])} />
        </fieldset>
      )}

      <p className="pc-error pc-problem" role="alert">
        {problem ?? ""}
      </p>
      <button type="submit" className="pc-button" aria-disabled={sending || undefined}>
        {sending ? t.sending : t.submit}
      </button>
    </form>
  );
}
