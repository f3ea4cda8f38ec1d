import { listOf, local, privacyEmail, verbatim, type NoticeContext } from "../context.ts";
import type { NoticeBlock, NoticeSection } from "../types.ts";
import { facts, paragraph, section } from "./section.ts";

/** Art. 13(1)(a) / 14(1)(a): the controller's identity and contact details. */
export function controllerSection(ctx: NoticeContext): NoticeSection {
  const { t, manifest } = ctx;
  const o = manifest.organisation;
  const v = (value: string | undefined) => value && verbatim(ctx, value);
  const blocks: NoticeBlock[] = [
    paragraph(t.controller.intro(verbatim(ctx, o.trade_name ?? o.name), ctx.law.law.shortName)),
    facts([
      [t.controller.terms.name, verbatim(ctx, o.name)],
      [t.controller.terms.tradeName, v(o.trade_name)],
      [t.controller.terms.legalForm, v(o.legal_form)],
      [t.controller.terms.register, v(o.trade_register)],
      [t.controller.terms.taxId, v(o.tax_id)],
      [t.controller.terms.address, v(o.address)],
      [t.controller.terms.email, v(o.contact?.email)],
      [t.controller.terms.phone, v(o.contact?.phone)],
      [t.controller.terms.web, o.websites?.length ? o.websites.map((w) => verbatim(ctx, w)).join(", ") : undefined],
      [t.controller.terms.group, o.group_companies?.length ? o.group_companies.map((g) => verbatim(ctx, g)).join(", ") : undefined],
    ]),
  ];
  const missing = missingIdentity(ctx);
  if (missing.length) blocks.push(paragraph(t.controller.missing(listOf(ctx, missing))));
  if (manifest.activities.some((a) => a.role === "processor")) blocks.push(paragraph(t.controller.processorRole));
  return section(ctx, "controller", blocks);
}

function missingIdentity(ctx: NoticeContext): string[] {
  const o = ctx.manifest.organisation;
  const items = ctx.t.controller.missingItems;
  return [
    !o.address && items.address,
    !o.contact?.email && !o.contact?.phone && items.contact,
    !o.trade_register && items.register,
    !o.tax_id && items.taxId,
  ].filter((x): x is string => typeof x === "string");
}

/** Art. 13(1)(b): the DPO's contact details; without a DPO, the contact and the recorded reason (Art. 37). */
export function dpoSection(ctx: NoticeContext): NoticeSection {
  const { t, manifest } = ctx;
  const dpo = manifest.dpo;
  const v = (value: string | undefined) => value && verbatim(ctx, value);
  if (!dpo) {
    // Without a DPO or contact on record, the subject still needs somewhere to write (Art. 13(1)(a)-(b)).
    const email = privacyEmail(ctx);
    const fallback = email ? [paragraph(t.dpo.contactIntro), facts([[t.dpo.terms.email, email]])] : [paragraph(t.dpo.noContact)];
    return section(ctx, "dpo", [paragraph(t.dpo.unstated), ...fallback]);
  }
  if (dpo.appointed) {
    return section(ctx, "dpo", [
      paragraph(t.dpo.appointed),
      facts([
        [t.dpo.terms.name, v(dpo.name)],
        [t.dpo.terms.email, v(dpo.email)],
        [t.dpo.terms.phone, v(dpo.phone)],
        [t.dpo.terms.address, v(dpo.address)],
      ]),
      ...(dpo.mandatory === false ? [paragraph(t.dpo.voluntary)] : []),
    ]);
  }
  const reason = local(ctx, dpo.assessment);
  const contact = dpo.contact;
  const blocks: NoticeBlock[] = [paragraph(t.dpo.notAppointed), paragraph(reason ? t.dpo.reason(reason) : t.dpo.noReason)];
  if (contact && (contact.email || contact.phone || contact.address)) {
    blocks.push(
      paragraph(t.dpo.contactIntro),
      facts([
        [t.dpo.terms.name, v(contact.name)],
        [t.dpo.terms.email, v(contact.email)],
        [t.dpo.terms.phone, v(contact.phone)],
        [t.dpo.terms.address, v(contact.address)],
        [t.dpo.terms.web, v(contact.web)],
      ]),
    );
  } else {
    blocks.push(paragraph(t.dpo.noContact));
  }
  return section(ctx, "dpo", blocks);
}
