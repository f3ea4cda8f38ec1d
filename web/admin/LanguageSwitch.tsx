import { LANGUAGES, TEXTS, useI18n, type Language } from "./i18n.tsx";

/** The language of the app: Romanian or English, kept in the browser. */
export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    <div className="ra-lang">
      <label htmlFor="ra-lang">{t.language}</label>
      <select id="ra-lang" value={lang} onChange={(e) => setLang(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {TEXTS[l].languageName}
          </option>
        ))}
      </select>
    </div>
  );
}
