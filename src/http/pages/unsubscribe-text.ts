import type { Language } from "../../manifest/vocabulary.ts";

export interface UnsubscribeText {
  title: string;
  ask: (purpose: string) => string;
  button: string;
  done: (purpose: string) => string;
  already: (purpose: string) => string;
  failed: string;
}

export const unsubscribeText: Record<Language, UnsubscribeText> = {
  ro: {
    title: "Dezabonare",
    ask: (p) => `Nu mai doriți să primiți mesaje pentru „${p}”? Un clic retrage consimțământul; nu este nevoie de cont sau parolă.`,
    button: "Mă dezabonez",
    done: (p) => `Gata: v-ați retras consimțământul pentru „${p}”. Nu veți mai primi astfel de mesaje.`,
    already: (p) => `Consimțământul pentru „${p}” era deja retras. Nu veți mai primi astfel de mesaje.`,
    failed: "Acest link nu este valid. Scrieți-ne și vă dezabonăm noi.",
  },
  sr: {
    title: "Odjava",
    ask: (p) => `Ne želite više poruke za „${p}”? Jedan klik povlači pristanak; nalog ni lozinka nisu potrebni.`,
    button: "Odjavljujem se",
    done: (p) => `Gotovo: povukli ste pristanak za „${p}”. Više nećete dobijati takve poruke.`,
    already: (p) => `Pristanak za „${p}” je već povučen. Više nećete dobijati takve poruke.`,
    failed: "Ovaj link nije važeći. Pišite nam i odjavićemo vas.",
  },
  "sr-Cyrl": {
    title: "Одјава",
    ask: (p) => `Не желите више поруке за „${p}”? Један клик повлачи пристанак; налог ни лозинка нису потребни.`,
    button: "Одјављујем се",
    done: (p) => `Готово: повукли сте пристанак за „${p}”. Више нећете добијати такве поруке.`,
    already: (p) => `Пристанак за „${p}” је већ повучен. Више нећете добијати такве поруке.`,
    failed: "Овај линк није важећи. Пишите нам и одјавићемо вас.",
  },
  en: {
    title: "Unsubscribe",
    ask: (p) => `No longer want messages for “${p}”? One click withdraws your consent; no account or password needed.`,
    button: "Unsubscribe",
    done: (p) => `Done: you have withdrawn your consent for “${p}”. You will not receive such messages any more.`,
    already: (p) => `Your consent for “${p}” was already withdrawn. You will not receive such messages any more.`,
    failed: "This link is not valid. Write to us and we will unsubscribe you.",
  },
};
