import { RegistruError } from "../errors.ts";

export type Environment = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces each `${NAME}` in a system's url with the environment variable, so secrets stay out of
 * the manifest. A missing or empty variable is an error naming the variable, never its value.
 */
export function resolveEnv(text: string, env: Environment, systemId: string): string {
  if (/\$\{[^}]*$/.test(text)) throw new RegistruError("connector_url_invalid", `system "${systemId}": url has an unclosed \${`, 400);
  return text.replace(REFERENCE, (_, name: string) => {
    if (!NAME.test(name)) throw new RegistruError("connector_url_invalid", `system "${systemId}": "\${${name}}" is not an environment variable name`, 400);
    const value = env[name];
    if (value === undefined || value === "") {
      throw new RegistruError("connector_env_missing", `system "${systemId}": environment variable ${name} is not set`, 400, { variable: name });
    }
    return value;
  });
}

/** The system's url with its variables resolved; a system without a url cannot be connected to. */
export function systemUrl(spec: { id: string; url?: string | undefined }, env: Environment): string {
  if (!spec.url) throw new RegistruError("connector_url_missing", `system "${spec.id}" has no url`, 400);
  return resolveEnv(spec.url, env, spec.id);
}
