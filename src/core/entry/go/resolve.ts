// A setting's value on a fresh install, over the index's tables (goIndexCore.ts): what start-up
// code writes into it, computed from flags and environment variables at their defaults; its viper,
// INI, YAML or tag default; and whether the defaults rule a test of settings in or out.
import { getOwn } from '../../ownKeys';
import { yamlSetting } from './yamlSettings';
import { evalCallPart, urlField, value, type SVal } from './evalStr';
import type { StrPart } from './types';
import { FIELDS_KEY, type SettingCond } from './configValues';
import { defaultByPath } from './defaultLiterals';
import { VIPER_KEY } from './viperKeys';
import { runStart, runStartValue, type StartValue } from './startValues';
import { iniName } from './iniDefaults';
import { GoIndexCore } from './goIndexCore';

export type { Resolved } from './goIndexCore';

export class GoIndex extends GoIndexCore {
  /**
   * A setting's value on a fresh install (configValues.ts): what start-up code writes into it,
   * computed from flags and environment variables at their defaults (startValues.ts); else its viper
   * default, its tag's default, or Go's empty string for a string field. Writes the defaults rule out
   * do not count; writes that disagree, or one whose value is not known, leave it unknown.
   */
  setting(k: string, depth = 0): string | undefined {
    let got = this.settings.get(k);
    if (!got) {
      if (this.computing.has(k) || depth > 6) return undefined;
      this.computing.add(k);
      const reads = new Set<string>();
      this.readers.push(reads);
      try {
        got = { value: this.computeSetting(k, depth), reads: [] };
      } finally {
        this.readers.pop();
        this.computing.delete(k);
      }
      got.reads = [...reads];
      this.settings.set(k, got);
    }
    for (const r of this.readers) for (const x of got.reads) r.add(x);
    return got.value;
  }

  private computeSetting(k: string, depth: number): string | undefined {
    // A local read from viper (viperKeys.ts): its SetDefault, else viper's zero value.
    const vk = VIPER_KEY.exec(k);
    if (vk) {
      const d = this.defaults.get(vk[2]!);
      if (d) return d.length === 1 && 'dyn' in d[0] && /^(true|false)$/.test(d[0].dyn) ? d[0].dyn : this.literal(d);
      return vk[1] === 'bool' ? 'false' : '';
    }
    // `apper.App().cfg.App.SingleUser`: a field path a defaults constructor's literal may give (defaultLiterals.ts).
    const fields = FIELDS_KEY.exec(k);
    if (fields) return defaultByPath(this, fields[1]!.split('.'))?.value;
    const local = this.locals.get(k);
    if (local) return runStart(this.strEnv, local);
    const m = /^([^#]*)#(\w+)((?:\.\w+)*)$/.exec(k);
    const t0 = m ? this.vars.get(`${m[1]}#${m[2]}`) : undefined;
    // `dir#UI.APIBaseURL`: a field of a struct type of ours read through a parameter, from the shipped YAML configuration (yamlSettings.ts).
    if (m && !t0 && this.structs.has(`${m[1]}#${m[2]}`)) {
      const v = yamlSetting(this.structs, this.ini, `${m[1]}#${m[2]}`, m[3].split('.').filter(Boolean));
      if (v !== undefined) this.strEnv.read?.(`the configuration file's ${JSON.stringify(v)}`);
      return v;
    }
    // `conf.URL.Path` of `var URL *url.URL` that start-up code parses (`conf.URL = u`, `u, _ := url.Parse(…)`): that field of the URL.
    if (m && /^\.\w+$/.test(m[3]) && this.writes.has(`${m[1]}#${m[2]}`)) {
      const u = this.parsedUrl(`${m[1]}#${m[2]}`, depth);
      if (u !== undefined) return urlField(u, m[3].slice(1));
    }
    if (!m || !t0) return undefined;
    const path = m[3].split('.').filter(Boolean);
    let t: string | undefined = t0;
    let owner: string | undefined;
    for (const f of path) {
      owner = t;
      t = t ? this.fieldType(t, f)?.replace(/^\*/, '') : undefined;
    }
    if (!t) return undefined;
    const live = (this.writes.get(k) ?? []).filter((w) => !w.conds?.some((c) => this.ruledOut(c, depth)));
    // `Conf.SiteURL = FixAndCleanPath(Conf.SiteURL)` rewrites the setting in place: it applies to what the other writes or the default leave.
    const self = live.filter((w) => w.value && JSON.stringify(w.value).includes(JSON.stringify(['k', k])));
    if (self.length > 1) return undefined;
    const base = this.combined(live.filter((w) => !self.includes(w)), depth, m, t0, owner, path, t);
    if (!self.length || base === undefined) return base;
    const w = self[0];
    const before = new Map<string, SVal>([[k, { s: base }]]);
    const test = w.conds ? (w.conds.every((c) => this.holds(c, depth)) ? { b: true } : undefined) : w.test ? value(this.strEnv, w.test, before, 0) : undefined;
    if (!test || !('b' in test)) return undefined;
    if (!test.b) return base;
    // Start-up code may run more than once (a reload): only a rewrite that gives the same value again (a trim, a clean) is known.
    const once = runStart(this.strEnv, w.value!, before);
    const twice = once === undefined ? undefined : runStart(this.strEnv, w.value!, new Map<string, SVal>([[k, { s: once }]]));
    return once !== undefined && twice === once ? once : undefined;
  }

  /** What the writes (none in-place) and the default give a setting: one value all agree on, or unknown. */
  private combined(live: { conds: SettingCond[] | null; value?: StartValue }[], depth: number, m: RegExpExecArray, t0: string, owner: string | undefined, path: string[], t: string): string | undefined {
    const values = live.map((w) => (w.value ? runStart(this.strEnv, w.value) : undefined));
    // A write every fresh install makes (no test, or tests the defaults decide for it) replaces the default.
    const sure = live.some((w) => w.conds?.every((c) => this.holds(c, depth)));
    // A plain package variable may be set where we do not look (`-ldflags -X`): only a write we read gives it a value.
    if (!sure && path.length === 0) return undefined;
    if (!sure) values.push(this.baseDefault(m[3].slice(1), owner, path[path.length - 1], t, path.length === 1 ? `${m[1]}#${m[2]}.${iniName(path[0])}` : undefined, t0.replace(/^\*/, ''), path));
    const v = values[0];
    return v !== undefined && values.every((x) => x === v) ? v : undefined;
  }

  /** A package variable start-up code sets from `url.Parse(…)` on every fresh install (`conf.URL = u`): the URL parsed, when every write agrees. */
  private parsedUrl(k: string, depth: number): string | undefined {
    const live = (this.writes.get(k) ?? []).filter((w) => !w.conds?.some((c) => this.ruledOut(c, depth)));
    if (!live.some((w) => w.conds?.every((c) => this.holds(c, depth)))) return undefined;
    const urls = live.map((w) => (w.value ? runStartValue(this.strEnv, w.value) : undefined)).map((v) => (v && 'url' in v ? v.url : undefined));
    return urls[0] !== undefined && urls.every((u) => u === urls[0]) ? urls[0] : undefined;
  }

  /** What a setting nobody writes holds: the INI file's value, its viper default, its struct tag's default, or Go's empty string. */
  private baseDefault(key: string, owner: string | undefined, field: string, t: string, iniKey?: string, root?: string, path?: string[]): string | undefined {
    const fromIni = iniKey !== undefined ? this.ini.get(iniKey) : undefined;
    if (fromIni !== undefined) {
      this.strEnv.read?.(`the INI default ${JSON.stringify(fromIni)}`);
      return fromIni;
    }
    const d = this.defaults.get(key.toLowerCase());
    if (d) return d.length === 1 && 'dyn' in d[0] && /^(true|false)$/.test(d[0].dyn) ? d[0].dyn : this.literal(d);
    const tag = owner ? this.field(owner, field)?.decl.default : undefined;
    if (tag !== undefined) this.strEnv.read?.(`its tag's default ${JSON.stringify(tag)}`);
    if (tag !== undefined) return tag;
    // `global.Config.App.ShowSwagger` of `var Config *config.Config`, its fields tagged `mapstructure:"show-swagger"`: the shipped YAML file's value (yamlSettings.ts).
    const fromYaml = root && path ? yamlSetting(this.structs, this.ini, root, path, true) : undefined;
    if (fromYaml !== undefined) {
      this.strEnv.read?.(`the configuration file's ${JSON.stringify(fromYaml)}`);
      return fromYaml;
    }
    // Go's zero value: a flag field nothing sets is off (`ForceAuth bool` with no default anywhere), when no INI or
    // YAML file of settings was read (one that lacks the key may still be given it by the program's own default).
    return /(^|#)string$/.test(t) ? '' : /(^|#)bool$/.test(t) && this.ini.size === 0 ? 'false' : undefined;
  }


  /** Whether the defaults decide a test of a setting for the way it guards. */
  private holds(c: SettingCond, depth: number): boolean {
    const v = this.setting(c.setting, depth + 1);
    if (v === undefined) return false;
    if (c.value !== undefined) return c.test === 'ne' ? v !== c.value : c.test === 'eq' && v === c.value;
    return c.test === 'ne' ? v !== '' : c.test === 'eq' ? v === '' : c.test === 'on' ? v === 'true' : v === 'false';
  }

  /** Whether a fresh install's settings rule out the way these tests guard (one test decided against it). */
  settingsRuleOut(conds: SettingCond[]): boolean {
    return conds.some((c) => this.ruledOut(c, 0));
  }

  /** Whether the defaults decide a test of a setting against the way it guards. */
  private ruledOut(c: SettingCond, depth: number): boolean {
    const v = this.setting(c.setting, depth + 1);
    if (v === undefined) return false;
    if (c.value !== undefined) return c.test === 'ne' ? v === c.value : c.test === 'eq' && v !== c.value;
    return c.test === 'ne' ? v === '' : c.test === 'eq' ? v !== '' : c.test === 'on' ? v === 'false' : v === 'true';
  }

  /**
   * The settings a path is built from (`dir#Server.BasePath`), their values known, each with the
   * flags and environment variables its value came from (`… (flag "server-host")`); and a call
   * computed from such inputs (`getEnv("BASE", "/")`).
   */
  settingsIn(parts: StrPart[]): string[] {
    return parts.flatMap((p) => {
      if ('dyn' in p) {
        if (this.consts.get(p.dyn) !== undefined) return [];
        const reads = new Set<string>();
        this.readers.push(reads);
        const v = this.setting(p.dyn);
        this.readers.pop();
        return v !== undefined ? [reads.size ? `${p.dyn} (${[...reads].join(', ')})` : p.dyn] : [];
      }
      if (!('call' in p)) return [];
      const inner = p.args.flatMap((a) => this.settingsIn(a));
      if (inner.length) return inner;
      const reads = new Set<string>();
      this.readers.push(reads);
      const v = evalCallPart(this.strEnv, p.call, p.args);
      this.readers.pop();
      return v !== undefined && reads.size ? [`${p.text} (${[...reads].join(', ')})`] : [];
    });
  }

  /** A setting written as an expression in `file` (`conf.Auth.RequireSigninView`, `Auth.RequireSigninView`): its fresh-install value, when known. */
  settingOfExpr(file: string, expr: string): string | undefined {
    const m = /^(\w+)\.(\w+)((?:\.\w+)*)$/.exec(expr.trim());
    if (!m) return undefined;
    this.byFile ??= new Map(this.files.map((f) => [f.file, f]));
    const facts = this.byFile.get(file);
    if (!facts) return undefined;
    const dir = getOwn(facts.imports, m[1])?.dir;
    // An alias of a package of ours: `alias.Var.Field`; else the file's own package variable: `Var.Field…`.
    return dir !== undefined ? this.setting(`${dir}#${m[2]}${m[3]}`) : this.setting(`${facts.dir}#${m[1]}.${m[2]}${m[3]}`);
  }

}
