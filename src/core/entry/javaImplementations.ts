// A Spring bean registered by an interface of the service's own: sentinel-dashboard's WebConfig
// autowires `LoginAuthenticationFilter` and `AuthorizationInterceptor`, interfaces extending
// javax.servlet.Filter and HandlerInterceptor, whose instances an @Bean factory method makes
// (`return new DefaultLoginAuthenticationFilter(authService)`). What runs is the code of the one
// class of ours implementing the interface; with several, which one the factory picks is not read
// here, so none is taken (the caller says `unknown`).

/** An own class's file and text. */
export interface OwnClass {
  file: string;
  text: string;
  /** The implementing class's name. */
  name: string;
}

const base = (f: string): string => f.slice(f.lastIndexOf('/') + 1);

/**
 * The one class of ours implementing `iface`, when `iface` is an interface of ours extending
 * `parent` (a regular expression for the framework type). Files looked at: the interface's own, then
 * those whose name holds the interface's name or matches `named`.
 */
export async function ownImplementation(
  iface: string,
  parent: RegExp,
  named: RegExp,
  javaFiles: string[],
  read: (rel: string) => Promise<string | undefined>,
): Promise<OwnClass | undefined> {
  const declared = new RegExp(`\\binterface\\s+${iface}\\b[^{]*?(?:\\bextends\\b|:)[^{]*?${parent.source}`);
  let isOurs = false;
  for (const rel of javaFiles.filter((f) => base(f) === `${iface}.java` || base(f) === `${iface}.kt`)) {
    if (declared.test((await read(rel)) ?? '')) isOurs = true;
  }
  if (!isOurs) return undefined;
  const impl = new RegExp(`\\bclass\\s+(\\w+)[^{]*?(?:\\bimplements\\s+(?:[\\w.<>]+\\s*,\\s*)*|:\\s*(?:[\\w.<>()]+\\s*,\\s*)*)${iface}\\b`, 'g');
  const found: OwnClass[] = [];
  for (const rel of javaFiles.filter((f) => base(f) !== `${iface}.java` && base(f) !== `${iface}.kt` && (base(f).includes(iface) || named.test(base(f))))) {
    const text = await read(rel);
    for (const m of text?.matchAll(impl) ?? []) found.push({ file: rel, text: text!, name: m[1]! });
  }
  return found.length === 1 ? found[0] : undefined;
}
