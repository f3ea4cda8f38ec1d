import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardRequest, getRequest, listRequests, submitRequest, verifyRequest } from "../../src/requests/index.ts";
import { backend } from "../helpers/database.ts";
import { openWorld, type World } from "./fixtures.ts";

describe(`processor-side requests on ${backend}`, () => {
  let w: World;
  const subject = () => ({ actor: "subject", public: true, mailer: w.mailer });

  beforeAll(async () => {
    w = await openWorld(["impro-media", "platform"]);
  });
  afterAll(() => w.close());

  it("S0-01 a request about IMPRO-MEDIA's webinar platform goes to the client controller, not executed; the subject learns who the controller is", async () => {
    const email = "participant@example.com";
    const before = (await listRequests(w.ctx(), "impro-media")).length;
    await expect(submitRequest(w.ctx(), "impro-media", { right: "erasure", subject: { email }, concerns: { activity: "webinar_platform" } }, subject())).rejects.toMatchObject({
      code: "client_required",
      status: 400,
      message: expect.stringContaining("univ_vest, asoc_medici"),
    });
    expect(await listRequests(w.ctx(), "impro-media")).toHaveLength(before);

    const { request, mailed } = await submitRequest(
      w.ctx(),
      "impro-media",
      { right: "erasure", language: "ro", subject: { email, name: "Dana Marin" }, details: { text: "vreau să fiu șters din lista webinarului" }, concerns: { activity: "webinar_platform", client: "univ_vest" } },
      subject(),
    );
    expect(mailed).toBe(true);
    expect(request.data).toMatchObject({ state: "forwarded", forwardedTo: { client: "univ_vest", name: "Universitatea de Vest", email: "dpo@univ-vest.example", activity: "webinar_platform" } });

    const [toController] = w.smtp.to("dpo@univ-vest.example");
    expect(toController!.subject).toBe(`IMPRO-MEDIA S.R.L.: cererea persoanei vizate nr. ${request.entryId.slice("request-".length)}, pentru dumneavoastră ca operator`);
    expect(toController!.text).toContain(`Cererea: ${request.entryId}`);
    expect(toController!.text).toContain("E-mail: participant@example.com");
    expect(toController!.text).toContain("Dreptul: dreptul la ștergerea datelor („dreptul de a fi uitat”) (GDPR Art. 17)");
    expect(toController!.text).toContain("vreau să fiu șters din lista webinarului");
    expect(toController!.text).toContain("GDPR Art. 28(3)(e)");

    const toSubject = w.smtp.to(email);
    expect(toSubject).toHaveLength(1);
    expect(toSubject[0]!.text).toContain("acționăm doar ca persoană împuternicită, în numele operatorului Universitatea de Vest");
    expect(toSubject[0]!.text).toContain("Datele de contact ale operatorului: Universitatea de Vest, dpo@univ-vest.example.");
    expect(toSubject[0]!.text).not.toMatch(/^\s{4}\d{6}$/m);

    const detail = await getRequest(w.ctx(), "impro-media", request.entryId);
    expect(detail.deadline).toBeNull();
    expect(detail.timeline.map((e) => [e.kind, (e.data as { recipient?: string }).recipient])).toEqual([
      ["created", undefined],
      ["received", undefined],
      ["forwarded", undefined],
      ["letter_sent", "controller"],
      ["letter_sent", "subject"],
    ]);
  });

  it("S0-01 a request about IMPRO-MEDIA's own processing (recruitment) is verified and answered as usual", async () => {
    const { request } = await submitRequest(w.ctx(), "impro-media", { right: "access", subject: { email: "candidat@example.com" }, concerns: { activity: "recruitment" } }, subject());
    expect(request.data.state).toBe("verifying");
    expect(request.data.forwardedTo).toBeUndefined();
  });

  it("S4-09 a processor bound by 'forward requests to the controller and do not answer' forwards at once, before any verification", async () => {
    const email = "driver@example.com";
    const { request } = await submitRequest(w.ctx(), "platform", { right: "access", language: "en", subject: { email }, concerns: { activity: "charging_platform" } }, subject());
    expect(request.data.state).toBe("forwarded");
    expect(request.data.verification.sends).toEqual([]);
    expect(w.smtp.to("office@eldrive.ro")).toHaveLength(1);
    expect(w.smtp.to(email)[0]!.text).toContain("we act only as a processor on behalf of the controller EMOBILITY CHARGING S.R.L. (GDPR Art. 28(3)(e))");
  });

  it("S4-09 staff forward a request that turns out to concern the client's processing; the organisation's own processing is not forwarded", async () => {
    const email = "unclear@example.com";
    const { request } = await submitRequest(w.ctx(), "platform", { right: "access", subject: { email } }, subject());
    await verifyRequest(w.ctx(), "platform", request.entryId, w.latestCode(email), { actor: "subject", mailer: w.mailer });
    await expect(forwardRequest(w.ctx(), "platform", request.entryId, { activity: "orders" }, { actor: "dpo", mailer: w.mailer })).rejects.toMatchObject({ code: "not_processor_activity", status: 409 });
    const forwarded = await forwardRequest(w.ctx(), "platform", request.entryId, { activity: "charging_platform" }, { actor: "dpo", mailer: w.mailer });
    expect(forwarded.data).toMatchObject({ state: "forwarded", concerns: { activity: "charging_platform", client: "eldrive" } });
    expect(w.smtp.to("office@eldrive.ro")).toHaveLength(2);
  });
});
