// Modules and names: loading a module once (all files of a Go package as one), its exports as
// a namespace, imports resolved lazily when a name is first looked up, and assignment to the
// scope that holds a name. Separate from expression evaluation: this is what makes values cross
// files, and its depth bound is about import chains, not nesting.
import type { Env, ObjValue, Value } from './values';
import * as path from 'node:path';
import { UNKNOWN, valueText } from './values';
import { globalValue } from './builtins';
import type { ModuleState } from './interpBase';
import { InterpProbes } from './interpProbes';
import type { SiteRef } from './values';
import { pluginHookTargets } from './pluginHooks';

/**
 * Modules loaded from inside the loading of another (imports of imports): past this many, the
 * importer gets unknown values and the module is run later from the top. A long import chain of
 * a million-line corpus overflowed the stack here.
 */
const MAX_MODULE_DEPTH = 32;

export abstract class InterpModules extends InterpProbes {
  loadModule(key: string): ModuleState {
    const known = this.modules.get(key);
    if (known) return known;
    const files = this.program.filesOf(key);
    if (this.moduleDepth >= MAX_MODULE_DEPTH) {
      // Not registered: run() loads it again from the top, where the stack is short.
      this.deferred.push(key);
      const ns: ObjValue = { k: 'obj', props: new Map(), module: files[0] ?? key };
      return { key, env: { vars: new Map(), file: files[0] ?? key }, fileEnvs: new Map(), ns, moduleObj: { k: 'obj', props: new Map([['exports', ns]]) }, done: false, cjs: UNKNOWN(`require(${JSON.stringify(files[0] ?? key)})`) };
    }
    this.moduleDepth++;
    try {
      return this.runModule(key, files);
    } finally {
      this.moduleDepth--;
    }
  }

  protected runModule(key: string, files: string[]): ModuleState {
    const env: Env = { vars: new Map(), file: files[0] ?? key };
    const ns: ObjValue = { k: 'obj', props: new Map(), module: files[0] ?? key };
    const moduleObj: ObjValue = { k: 'obj', props: new Map([['exports', ns]]) };
    const m: ModuleState = { key, env, fileEnvs: new Map(), ns, moduleObj, done: false };
    this.modules.set(key, m);
    if (files.length === 1) {
      env.imports = files[0];
      m.fileEnvs.set(files[0], env);
    } else for (const f of files) m.fileEnvs.set(f, { vars: new Map(), parent: env, file: f, imports: f });
    for (const f of files) {
      const facts = this.program.facts.get(f);
      if (!facts) continue;
      const fenv = m.fileEnvs.get(f)!;
      this.execOps(facts.top, fenv, m);
    }
    for (const f of files) {
      const facts = this.program.facts.get(f);
      if (!facts) continue;
      const fenv = m.fileEnvs.get(f)!;
      for (const [name, e] of facts.exports) {
        const v = this.evalExpr(e, fenv);
        if (name === '*' && v.k === 'obj') {
          for (const [k, x] of v.props) if (k !== 'default' && !ns.props.has(k)) ns.props.set(k, x);
        } else ns.props.set(name, v);
      }
    }
    m.done = true;
    return m;
  }

  /**
   * A plugin framework's dispatch of a hook with a context that holds a router
   * (`hooks.aCallAll('expressCreateServer', { app, server })`): the functions a plugin manifest above
   * the calling file names for that hook (pluginHooks.ts) run here, in the manifest's order, with the
   * call's arguments, so that each registers on the app at this point of the setup.
   */
  protected runPluginHooks(args: Value[], site: SiteRef): void {
    const hook = args[0];
    if (hook?.k !== 'str' || this.probe || !args.slice(1).some((a) => a.k === 'obj' && [...a.props.values()].some((v) => v.k === 'router'))) return;
    for (const t of pluginHookTargets(this.program, site.file, hook.v)) {
      const key = this.program.resolve(site.file, t.spec) ?? this.program.resolve(site.file, t.bare);
      if (!key) continue;
      this.computedLoads.push([site.file, key]);
      const fn = this.prop(this.requireOf(this.loadModule(key)), t.fn);
      if (fn?.k === 'fn') this.whole.invoke(fn, [hook, ...args.slice(1)], site, fn.self);
    }
  }

  protected requireOf(m: ModuleState): Value {
    return m.cjs ?? m.ns;
  }

  protected importValue(from: string, spec: string, name: string): Value {
    const key = this.program.resolve(from, spec);
    if (!key) return { k: 'ext', spec, path: name === 'default' || name === '*' || name === '<require>' ? [] : [name] };
    const m = this.loadModule(key);
    if (name === '<require>') return this.requireOf(m);
    if (name === '*') return m.ns;
    if (name === 'default') return m.ns.props.get('default') ?? m.cjs ?? m.ns;
    const direct = m.ns.props.get(name) ?? this.prop(m.cjs, name);
    if (direct) return direct;
    // `from pkg import submodule`, `import { x } from './dir'` where x is a file.
    const sub = this.program.resolve(from, `${spec}${spec.endsWith('/') ? '' : this.program.language(from) === 'python' ? '.' : '/'}${name}`);
    if (sub && sub !== key) return this.loadModule(sub).ns;
    return UNKNOWN(`${spec}.${name}`);
  }

  // ---- names ----

  lookup(name: string, env: Env): Value {
    for (let e: Env | undefined = env; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v !== undefined) return v;
      if (e.imports) {
        const facts = this.program.facts.get(e.imports);
        const imp = facts?.imports.find((i) => i.local === name);
        if (imp) {
          const v2 = this.importValue(e.imports, imp.spec, imp.name);
          e.vars.set(name, v2);
          return v2;
        }
      }
    }
    const m = this.modules.get(this.moduleKeyOf(env.file));
    if (name === 'module' && m) return m.moduleObj;
    if (name === 'exports' && m) return m.moduleObj.props.get('exports') ?? m.ns;
    // CommonJS `__dirname`: the module's folder, kept as a repository path (dataFiles.ts).
    if (name === '__dirname' && this.program.language(env.file) === 'js') return { k: 'unknown', text: name, file: env.file.includes('/') ? env.file.slice(0, env.file.lastIndexOf('/')) : '' };
    // `import(file)` with a computed path (jsFacts writes it as a call of `import`): loaded as `require` does.
    if ((name === 'require' || name === 'import') && this.program.language(env.file) === 'js') return this.requireValue(env.file, name);
    // Node's `global`: what code stores on it (`global.__config__ = …`) is read back in any module.
    if (name === 'global' && this.program.language(env.file) === 'js') return this.globalObject;
    return globalValue(name) ?? UNKNOWN(name);
  }

  /**
   * CommonJS `require` not called with a literal (those are imports): handed around as a value
   * (`new Loader({ load: require })`) or called with a computed path (`require(path.join(dir, type,
   * name))`). A path inside the repository, relative or a repository path we track (`__dirname`
   * joined with known parts), loads that module; anything else (a package we cannot see, a path
   * from the machine) is unknown.
   */
  protected requireValue(from: string, name = 'require'): Value {
    return {
      k: 'native',
      name,
      call: (args) => {
        const v = args[0];
        let spec: string | undefined;
        if (v?.k === 'str') spec = v.v;
        else if (v?.k === 'unknown' && v.file !== undefined) {
          const rel = path.posix.relative(path.posix.dirname(from), v.file);
          spec = rel.startsWith('.') ? rel : `./${rel}`;
        }
        const key = spec !== undefined && !spec.startsWith('/') ? this.program.resolve(from, spec) : undefined;
        if (!key) return UNKNOWN(`${name}(${v ? valueText(v) : ''})`);
        // A link no import declares (routeReach.ts): values cross it as they cross an import.
        this.computedLoads.push([from, key]);
        return this.requireOf(this.loadModule(key));
      },
    };
  }

  protected assign(name: string, v: Value, env: Env): void {
    for (let e: Env | undefined = env; e; e = e.parent) {
      if (e.vars.has(name)) {
        e.vars.set(name, v);
        return;
      }
      if (!e.parent) {
        e.vars.set(name, v);
        return;
      }
    }
  }
}
