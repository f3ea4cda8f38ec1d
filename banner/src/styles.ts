/** Scoped to the banner's ids so the page's styles and the banner's do not meet. */
export const css = `
#registru-banner{position:fixed;z-index:2147483000;left:0;right:0;bottom:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--rg-fg);text-align:left}
#registru-banner.rg-center{top:0;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.5)}
#registru-banner[hidden],#registru-reopen[hidden],#registru-banner [hidden]{display:none}
#registru-banner .rg-box{box-sizing:border-box;background:var(--rg-bg);color:var(--rg-fg);max-width:48rem;width:100%;margin:0 auto;padding:1.25rem 1.5rem;box-shadow:0 -2px 16px rgba(0,0,0,.3);max-height:90vh;overflow:auto;border-radius:.5rem .5rem 0 0}
#registru-banner.rg-center .rg-box{border-radius:.5rem;width:calc(100% - 2rem)}
#registru-banner .rg-box:focus{outline:none}
#registru-banner h2{font-size:1.2rem;line-height:1.3;margin:0 0 .5rem;color:inherit;font-weight:700}
#registru-banner p{margin:0 0 1rem}
#registru-banner a{color:inherit;text-decoration:underline}
#registru-banner .rg-act{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
#registru-banner .rg-btn{flex:1 1 9rem;min-height:2.75rem;margin:0;padding:.5rem 1rem;border:2px solid transparent;border-radius:.375rem;font:inherit;font-weight:600;cursor:pointer}
#registru-banner .rg-btn[data-rg=accept]{background:var(--rg-a);color:var(--rg-at)}
#registru-banner .rg-btn[data-rg=reject]{background:var(--rg-r);color:var(--rg-rt)}
#registru-banner .rg-btn.rg-2nd{background:transparent;color:var(--rg-fg);border-color:currentColor}
#registru-banner :focus-visible,#registru-reopen:focus-visible{outline:3px solid var(--rg-fg);outline-offset:2px}
#registru-banner .rg-cat{border-top:1px solid rgba(127,127,127,.5);padding:.75rem 0 .25rem}
#registru-banner .rg-row{display:flex;align-items:center;gap:.6rem;font-weight:600}
#registru-banner .rg-row input{width:1.25rem;height:1.25rem;margin:0;accent-color:var(--rg-a)}
#registru-banner .rg-on{margin-left:auto;font-weight:400;font-size:.875rem}
#registru-banner .rg-cat p{margin:.25rem 0 .5rem;font-size:.9rem}
#registru-banner .rg-svcs{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0 0 .5rem 1.85rem;font-size:.9rem}
#registru-banner .rg-svcs span{display:flex;align-items:center;gap:.4rem}
#registru-banner .rg-svcs input{width:1.1rem;height:1.1rem;margin:0;accent-color:var(--rg-a)}
#registru-banner summary{cursor:pointer;font-size:.9rem;padding:.25rem 0}
#registru-banner table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}
#registru-banner th,#registru-banner td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid rgba(127,127,127,.4);overflow-wrap:anywhere}
#registru-reopen{position:fixed;z-index:2147483000;left:1rem;bottom:1rem;width:2.75rem;height:2.75rem;padding:.55rem;border:2px solid var(--rg-bg);border-radius:50%;background:var(--rg-a);color:var(--rg-at);cursor:pointer;box-shadow:0 1px 6px rgba(0,0,0,.35)}
#registru-reopen svg{display:block;width:100%;height:100%}
@media print{#registru-banner,#registru-reopen{display:none}}
`.trim();
