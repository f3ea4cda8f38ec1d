import type { RequestRight } from "../../model.ts";
import type { LetterTexts } from "./types.ts";

const rightName: Record<RequestRight, string> = {
  access: "the right of access",
  rectification: "the right to rectification",
  erasure: "the right to erasure",
  restriction: "the right to restriction of processing",
  portability: "the right to data portability",
  objection: "the right to object",
  automated_decision: "the right not to be subject to a decision based solely on automated processing",
  withdraw_consent: "the right to withdraw consent",
  complaint: "a complaint or question about the processing of your personal data",
};

const ground = { manifestly_unfounded: "manifestly unfounded", excessive: "excessive" };

export const en: LetterTexts = {
  locale: "en-GB",
  rightName,
  channel: { web_form: "web form", api: "API", email: "e-mail", post: "post", phone: "phone", in_person: "in person" },
  greeting: "Dear Sir or Madam,",
  closing: "Kind regards,",
  asked: ({ date, org, right, article }) =>
    right === "complaint"
      ? `On ${date} you sent ${org} a complaint or question about the processing of your personal data.`
      : `On ${date} you asked ${org} to act on ${rightName[right]} (${article}).`,
  onBehalf: ({ name, relationship }) => `The request was made on your behalf by ${name} (${relationship}).`,
  reasons: (text) => `Our reasons: ${text}`,
  authority: ({ article, name, contacts }) =>
    `If you are not satisfied with our answer, you may lodge a complaint with the supervisory authority (${article}): ${[name, ...contacts].join(", ")}, and you may seek a judicial remedy.`,
  response: {
    title: (id) => `Answer to your request no. ${id}`,
    subject: (org, id) => `${org}: answer to your request no. ${id}`,
    intro: "This letter tells you what we did.",
    done: {
      access: "We searched every system where we keep personal data. The table below shows where we found data about you.",
      rectification: "We corrected your data as you asked.",
      erasure: "We erased or anonymised your data, except the data we must keep, listed below with the reason.",
      restriction: "We marked your data as restricted: we keep it, but we no longer use it except where the law allows.",
      portability: "Your data is ready in a structured, commonly used and machine-readable format.",
      objection: "We stopped processing your data for the purposes you objected to.",
      automated_decision: "A person at our organisation reviewed the decision.",
      withdraw_consent: "We recorded the withdrawal of your consent; the processing based on it has stopped. The withdrawal does not affect the lawfulness of processing before it.",
      complaint: "We looked into your complaint or question.",
    },
    packageAt: (url, until) => `Your copy of the data is available at ${url} until ${until}.`,
    nothingFound: "We found no personal data about you.",
    columns: ["System / table", "Records found", "What we did", "Kept"],
    actions: { exported: "exported", rectified: "rectified", erased: "erased", anonymised: "anonymised", restricted: "restricted" },
    kept: ({ where, count, reason, basis }) => `We keep the records in ${where} (${count}) because ${keptReason[reason]}${basis ? `: ${basis}` : ""}.`,
    notified: (names, article) => `We told the recipients to whom the data was disclosed of this change (${article}): ${names.join("; ")}.`,
    keptShort: { legal_obligation: "legal obligation", legal_claims: "legal claims", legal_hold: "legal hold", contract: "contract", other: "other reason" },
  },
  extension: {
    title: (id) => `Your request no. ${id}: we need more time`,
    subject: (org, id) => `${org}: more time for your request no. ${id}`,
    body: ({ article, regime, date }) =>
      `We need more time to answer. Under ${article} we extend the period by ${regime === "GDPR" ? "two further months" : "60 days"}; we will answer by ${date} at the latest.`,
  },
  refusal: {
    title: (id) => `Your request no. ${id}: we will not act on it`,
    subject: (org, id) => `${org}: your request no. ${id}`,
    body: ({ ground: g, article }) => `We will not act on this request because it is ${ground[g]} (${article}).`,
  },
  fee: {
    title: (id) => `Your request no. ${id}: a fee is due`,
    subject: (org, id) => `${org}: a fee for your request no. ${id}`,
    body: ({ ground: g, article, amount }) =>
      `This request is ${ground[g]} (${article}). We can act on it for a reasonable fee of ${amount}, which covers our administrative costs. We will go on once we receive the payment; until then the time to answer is paused.`,
  },
  representativeRejected: {
    title: (id) => `Your request no. ${id}: the authorisation is not proven`,
    subject: (org, id) => `${org}: your request no. ${id}`,
    body: ({ name, relationship }) =>
      `The request was made on your behalf by ${name} (${relationship}). The document provided does not prove that this person may act for you, so we cannot act on the request. You, or a representative with a valid authorisation, may make it again.`,
  },
  forwarded: {
    title: (id) => `Your request no. ${id} was forwarded to the controller`,
    subject: (org, id) => `${org}: your request no. ${id} was forwarded`,
    body: ({ activity, controller, article, date }) =>
      `For this processing (${activity}) we act only as a processor on behalf of the controller ${controller} (${article}), which decides about your data. We may not answer the request ourselves: on ${date} we forwarded it to the controller, which will answer you.`,
    contact: ({ name, email }) => `The controller's contact: ${name}, ${email}.`,
  },
  controllerForward: {
    title: "A data-subject request forwarded by your processor",
    subject: (org, id) => `${org}: data-subject request no. ${id} for you as controller`,
    body: ({ org, activity, date, article }) =>
      `We, ${org}, process personal data on your behalf as your processor (${activity}). On ${date} we received a request from a data subject about this processing. As our agreement and ${article} require, we forward it to you without answering it; we will help you carry it out on your documented instructions.`,
    labels: {
      request: "Request",
      right: "Right",
      received: "Received",
      channel: "Channel",
      email: "E-mail",
      name: "Name",
      phone: "Phone",
      customerId: "Customer number",
      details: "Details",
      fields: "Fields to rectify",
      purposes: "Purposes",
      representative: "Representative",
    },
    told: "The data subject has been told that you are the controller and that you will answer.",
  },
  code: {
    subject: (org) => `${org}: confirm your request`,
    body: ({ org, right, id, code, minutes }) =>
      `Hello,\n\nSomeone, probably you, used this e-mail address to ${right === "complaint" ? `send ${org} ${rightName[right]}` : `ask ${org} to act on ${rightName[right]}`}. To confirm the request no. ${id}, enter this code:\n\n    ${code}\n\nThe code is valid for ${minutes} minutes. If you did not make this request, ignore this message: nothing will be done without the code.`,
  },
};

const keptReason = {
  legal_obligation: "a law requires us to keep them",
  legal_claims: "they are needed to establish, exercise or defend legal claims",
  legal_hold: "they are under a legal hold",
  contract: "they are needed to perform our contract with you",
  other: "of the reason given",
};
