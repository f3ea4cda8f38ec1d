import { describe, expect, it } from "vitest";
import { toCyrillic } from "../../src/notices/index.ts";
import { allText, noticeFor } from "./helpers.ts";

describe("Serbian Latin → Cyrillic", () => {
  it("maps letters and the digraphs lj, nj, dž in every case", () => {
    expect(toCyrillic("Ljubljana, Njegoš, džep, Džak, LJUDI")).toBe("Љубљана, Његош, џеп, Џак, LJUDI");
    expect(toCyrillic("čćđšž Čačak Ćuprija Đurđevdan Šabac Žabalj")).toBe("чћђшж Чачак Ћуприја Ђурђевдан Шабац Жабаљ");
  });

  it("keeps prefix + stem letters apart where they are not a digraph", () => {
    expect(toCyrillic("nadživeti, podžanr, injekcija, konjunkcija")).toBe("надживети, поджанр, инјекција, конјункција");
  });

  it("leaves e-mails, URLs, domains, article references, codes and ids untouched", () => {
    const text = "Pišite na ivana.stojkovic@promedia.rs, www.proready.rs ili https://www.poverenik.rs/sr (GDPR Art. 49(1)(b)-(c)); US, J40/3474/2019, sha256 c220a1b2, google_analytics";
    expect(toCyrillic(text)).toBe(
      "Пишите на ivana.stojkovic@promedia.rs, www.proready.rs или https://www.poverenik.rs/sr (GDPR Art. 49(1)(b)-(c)); US, J40/3474/2019, sha256 c220a1b2, google_analytics",
    );
  });

  it("leaves the caller's fragments and foreign words as written", () => {
    expect(toCyrillic("Promedia d.o.o. koristi Google Analytics i Wix", ["Promedia d.o.o."])).toBe("Promedia d.o.o. користи Google Analytics и Wix");
  });

  it("spells the loanword e-mail by sound", () => {
    expect(toCyrillic("putem e-maila ili e-poštom")).toBe("путем имејла или е-поштом");
  });

  it("the sr-Cyrl notice is Cyrillic but keeps the DPO's e-mail, the site and the ZZPL articles", () => {
    const text = allText(noticeFor("promedia", "sr-Cyrl"));
    expect(text).toContain("Обавештење о обради података о личности");
    expect(text).toContain("ivana.stojkovic@promedia.rs");
    expect(text).toContain("https://www.proready.rs");
    expect(text).toContain("члан 26. ЗЗПЛ");
    expect(text).not.toContain("ZZPL");
    expect(text).toContain("Повереник за информације од јавног значаја и заштиту података о личности");
    expect(text).not.toMatch(/Obaveštenje|Poverenik za/);
  });
});
