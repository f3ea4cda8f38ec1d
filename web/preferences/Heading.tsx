import type { ReactNode } from "react";

/** A heading whose level follows where the widget sits: h1 on its own page, lower inside another site's page. */
export function Heading(props: { level: number; id?: string; children: ReactNode }) {
  const level = Math.min(Math.max(Math.round(props.level), 1), 6);
  const Tag = `h${level}` as "h1";
  return (
    <Tag id={props.id} className={`rp-heading rp-heading-${level}`}>
      {props.children}
    </Tag>
  );
}
