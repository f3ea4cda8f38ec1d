import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, ApiError, orgUrl, type ExecutionProgress, type RequestDetail as Detail, type RequestSummary } from "../api.ts";
import { formatDateTime, useI18n } from "../i18n.tsx";
import { Link, orgPath } from "../router.tsx";
import { ErrorMessage, Field, Loading, Section, Select, Table, TextArea, TimeLeftText, useAction, useLoad } from "../ui.tsx";

const STATES = ["received", "verifying", "in_progress", "awaiting", "done", "refused", "forwarded"];

/** The queue: open requests by time left, overdue first (GET …/requests). */
export function RequestQueue({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState("");
  const list = useLoad<{ requests: RequestSummary[] }>(orgUrl(slug, `/requests${state ? `?state=${state}` : ""}`));
  return (
    <>
      <h1>{t.requestQueue}</h1>
      <div className="ra-toolbar">
        <Select label={t.filterState} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t.anyState}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t.states[s]}
            </option>
          ))}
        </Select>
        <button type="button" onClick={() => void list.reload()}>
          {t.refresh}
        </button>
      </div>
      <Loading state={list}>
        {(d) => (
          <Table
            caption={t.requestQueue}
            head={[t.colId, t.colRight, t.colState, t.colChannel, t.colReceived, t.colDue, t.colTimeLeft]}
            rows={d.requests.map((r) => [
              <Link to={orgPath(slug, "requests", r.id)}>{r.id}</Link>,
              t.rights[r.right] ?? r.right,
              t.states[r.state] ?? r.state,
              r.channel,
              formatDateTime(lang, r.receivedAt),
              r.deadline ? formatDateTime(lang, r.deadline.due) : "—",
              r.deadline ? <TimeLeftText {...r.deadline.timeLeft} /> : "—",
            ])}
          />
        )}
      </Loading>
    </>
  );
}

const FINISHED = new Set(["completed", "waiting_for_staff"]);

/** Progress of a running execution, polled every two seconds while the request is in progress and the work goes on. */
function ExecutionView({ slug, id, running, onFinished }: { slug: string; id: string; running: boolean; onFinished(): void }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<ExecutionProgress | null>();
  // Seen unfinished in this view: when it then finishes, the request itself has moved on.
  const seenRunning = useRef(false);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      let next: ExecutionProgress | null | undefined;
      try {
        next = await api.get<ExecutionProgress>(orgUrl(slug, `/requests/${id}/execution/progress`));
      } catch (e) {
        next = e instanceof ApiError && e.status === 404 ? null : undefined;
      }
      if (stop) return;
      if (next !== undefined) setProgress(next);
      const finished = next !== null && next !== undefined && FINISHED.has(next.state);
      if (finished && seenRunning.current) {
        seenRunning.current = false;
        onFinished();
      }
      if (!finished) seenRunning.current = running;
      if (running && !finished) timer = setTimeout(poll, 2000);
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [slug, id, running]);
  if (progress === undefined) return null;
  if (progress === null) return <p className="ra-muted">{t.executionNone}</p>;
  const label = t.executionProgress(progress.systemsDone, progress.systems.length);
  return (
    <div>
      <p>
        <span data-testid="execution-state">{progress.state}</span> — {label}
      </p>
      <progress max={Math.max(1, progress.systems.length)} value={progress.systemsDone} aria-label={label} />
      <ul>
        {progress.systems.map((s) => (
          <li key={s.system}>
            {s.system}: {s.done ? "✓" : "…"}
          </li>
        ))}
      </ul>
      {progress.tasks > 0 && (
        <p>
          {t.tasks}: {progress.tasks}
        </p>
      )}
      {progress.lastError && <p className="ra-overdue">{progress.lastError.code}</p>}
    </div>
  );
}

type ActionName = "representative/accept" | "representative/reject" | "verification/reset" | "pause" | "resume" | "extend" | "refuse" | "forward" | "complete";

/** The actions the API offers in the request's state; the API refuses anything else with 409. */
function availableActions(d: Detail): ActionName[] {
  const open = ["received", "verifying", "in_progress", "awaiting"].includes(d.state);
  const early = d.state === "received" || d.state === "verifying";
  const list: ActionName[] = [];
  if (early && d.request.representative) list.push("representative/accept", "representative/reject");
  if (early) list.push("verification/reset");
  if (d.state === "in_progress") list.push("complete", "pause");
  if (d.state === "awaiting") list.push("resume");
  if (open && d.deadline && !d.deadline.extended) list.push("extend");
  if (open) list.push("refuse", "forward");
  return list;
}

function ActionForm({ slug, id, action, onDone }: { slug: string; id: string; action: ActionName; onDone(d: Detail): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [decision, setDecision] = useState<"refuse" | "fee">("refuse");
  const [ground, setGround] = useState("manifestly_unfounded");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("RON");
  const [activity, setActivity] = useState("");
  const [client, setClient] = useState("");
  const { busy, error, run } = useAction();
  const label = {
    "representative/accept": t.acceptRepresentative,
    "representative/reject": t.rejectRepresentative,
    "verification/reset": t.resetVerification,
    pause: t.pause,
    resume: t.resume,
    extend: t.extend,
    refuse: t.refuse,
    forward: t.forward,
    complete: t.complete,
  }[action];
  const body = (): unknown => {
    switch (action) {
      case "representative/accept":
        return reason.trim() ? { note: reason.trim() } : {};
      case "verification/reset":
        return {};
      case "refuse":
        return { decision, ground, reasons: reason, ...(decision === "fee" && { fee: { amount: Number(amount), currency } }) };
      case "forward":
        return { activity, ...(client && { client }) };
      case "complete":
        return reason.trim() ? { summary: reason.trim() } : {};
      default:
        return { reason };
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const d = await api.post<Detail>(orgUrl(slug, `/requests/${id}/${action}`), body());
      setReason("");
      onDone(d);
    });
  };
  const textLabel = action === "representative/accept" ? t.note : action === "complete" ? t.summaryText : t.reason;
  return (
    <form className="ra-action" onSubmit={submit} aria-label={label}>
      <h3>{label}</h3>
      <ErrorMessage error={error} />
      {action === "refuse" && (
        <>
          <Select label={t.decision} value={decision} onChange={(e) => setDecision(e.target.value as "refuse" | "fee")}>
            <option value="refuse">{t.decisionRefuse}</option>
            <option value="fee">{t.decisionFee}</option>
          </Select>
          <Select label={t.ground} value={ground} onChange={(e) => setGround(e.target.value)}>
            <option value="manifestly_unfounded">{t.groundUnfounded}</option>
            <option value="excessive">{t.groundExcessive}</option>
          </Select>
          {decision === "fee" && (
            <>
              <Field label={t.fee} type="number" min="1" value={amount} onChange={(e) => setAmount(e.target.value)} />
              <Field label={t.currency} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
            </>
          )}
        </>
      )}
      {action === "forward" && (
        <>
          <Field label={t.activity} value={activity} onChange={(e) => setActivity(e.target.value)} required />
          <Field label={t.client} value={client} onChange={(e) => setClient(e.target.value)} />
        </>
      )}
      {action !== "verification/reset" && action !== "forward" && <TextArea label={textLabel} value={reason} rows={2} onChange={(e) => setReason(e.target.value)} />}
      <button type="submit" disabled={busy}>
        {label}
      </button>
    </form>
  );
}

const describe = (data: unknown) => {
  if (!data || typeof data !== "object") return "";
  const entries = Object.entries(data as Record<string, unknown>).filter(([k]) => !["letter", "text", "pdf"].includes(k));
  return entries.map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join("; ");
};

/** One request: deadline, subject, timeline, the actions of its state and a running execution's progress. */
export function RequestDetail({ slug, id }: { slug: string; id: string }) {
  const { t, lang } = useI18n();
  const state = useLoad<Detail>(orgUrl(slug, `/requests/${id}`));
  const [fresh, setFresh] = useState<Detail>();
  useEffect(() => setFresh(undefined), [state.data]);
  const [announce, setAnnounce] = useState("");
  return (
    <>
      <h1>{t.requestTitle(id)}</h1>
      <p className="ra-visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <Loading state={state}>
        {(loaded) => {
          const d = fresh ?? loaded;
          const s = d.request.subject;
          return (
            <div className="ra-grid">
              <Section title={t.deadline}>
                <dl className="ra-facts">
                  <dt>{t.colState}</dt>
                  <dd data-testid="request-state">{t.states[d.state] ?? d.state}</dd>
                  <dt>{t.colRight}</dt>
                  <dd>{t.rights[d.right] ?? d.right}</dd>
                  <dt>{t.colReceived}</dt>
                  <dd>{formatDateTime(lang, d.receivedAt)}</dd>
                  {d.deadline && (
                    <>
                      <dt>{t.dueOn}</dt>
                      <dd>
                        {formatDateTime(lang, d.deadline.due)} — <TimeLeftText {...d.deadline.timeLeft} /> ({d.deadline.article})
                      </dd>
                      <dt>{t.legalDue}</dt>
                      <dd>{formatDateTime(lang, d.deadline.legalDue)}</dd>
                      {d.deadline.promise && (
                        <>
                          <dt>{t.promise}</dt>
                          <dd>{d.deadline.promise}</dd>
                        </>
                      )}
                      <dt>{t.extended}</dt>
                      <dd>{d.deadline.extended ? t.yes : t.no}</dd>
                    </>
                  )}
                </dl>
              </Section>
              <Section title={t.subject}>
                <dl className="ra-facts">
                  <dt>{t.email}</dt>
                  <dd>{s.email}</dd>
                  {s.name && (
                    <>
                      <dt>{t.colWho}</dt>
                      <dd>{s.name}</dd>
                    </>
                  )}
                  {d.request.representative && (
                    <>
                      <dt>{t.representative}</dt>
                      <dd>
                        {d.request.representative.name} ({d.request.representative.relationship}), {d.request.representative.proof.reference}
                      </dd>
                    </>
                  )}
                  {d.request.details?.text && (
                    <>
                      <dt>{t.details}</dt>
                      <dd>{d.request.details.text}</dd>
                    </>
                  )}
                </dl>
              </Section>
              <Section title={t.actions}>
                <div className="ra-actions">
                  {availableActions(d).map((a) => (
                    <ActionForm
                      key={`${a}-${d.revision}`}
                      slug={slug}
                      id={id}
                      action={a}
                      onDone={(next) => {
                        setFresh(next);
                        setAnnounce(`${t.actionDone} ${t.states[next.state] ?? next.state}`);
                      }}
                    />
                  ))}
                </div>
              </Section>
              <Section title={t.execution}>
                <ExecutionView slug={slug} id={id} running={d.state === "in_progress"} onFinished={() => void state.reload()} />
              </Section>
              <Section title={t.timeline}>
                <Table
                  caption={t.timeline}
                  head={[t.colWhen, t.colWho, t.colWhat, t.details]}
                  rows={d.timeline.map((e) => [
                    formatDateTime(lang, e.at),
                    e.actor,
                    e.kind === "letter_sent" ? (
                      <a href={orgUrl(slug, `/requests/${id}/letters/${e.seq}`)}>
                        {e.kind} — {t.letterPdf}
                      </a>
                    ) : (
                      e.kind
                    ),
                    <span className="ra-small">{describe(e.data)}</span>,
                  ])}
                />
              </Section>
            </div>
          );
        }}
      </Loading>
    </>
  );
}
