import type * as MonacoNamespace from 'monaco-editor';

export type Monaco = typeof MonacoNamespace;

interface AmdRequire {
  (deps: string[], onLoad: (...modules: unknown[]) => void, onError?: (error: unknown) => void): void;
  config(options: { paths: Record<string, string> }): void;
}

interface MonacoWindow {
  require?: AmdRequire;
  monaco?: Monaco;
}

/** Served by this app (scripts/copy-monaco.mjs), never a CDN. */
const MONACO_BASE = '/monaco/vs';

/*
 * Diagnostics a generated project would show on every file because the editor has no
 * node_modules: unresolved packages (2307, 2792), missing type declarations (7016), the JSX
 * runtime module (2875) and the JSX namespace that comes from React's types (7026).
 */
const IGNORED_DIAGNOSTICS = [2307, 2792, 7016, 2875, 7026];

function configureLanguages(monaco: Monaco): void {
  const ts = monaco.typescript;
  const compilerOptions: MonacoNamespace.typescript.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    jsx: ts.JsxEmit.ReactJSX,
    allowNonTsExtensions: true,
    allowJs: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    isolatedModules: true,
    resolveJsonModule: true,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  for (const defaults of [ts.typescriptDefaults, ts.javascriptDefaults]) {
    defaults.setCompilerOptions(compilerOptions);
    defaults.setDiagnosticsOptions({
      noSemanticValidation: false,
      noSyntaxValidation: false,
      diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS,
    });
    // Other open files are visible to the one being checked, so imports between them type-check.
    defaults.setEagerModelSync(true);
  }
}

let loading: Promise<Monaco> | null = null;

/**
 * Loads Monaco's AMD build on demand. Its editor.main sets `self.MonacoEnvironment.getWorker` to
 * blob workers that importScripts the hashed worker files under /monaco/vs/assets, so workers
 * come from this origin too.
 */
export function loadMonaco(): Promise<Monaco> {
  if (loading) return loading;
  const target = window as unknown as MonacoWindow;
  loading = new Promise<Monaco>((resolve, reject) => {
    const failed = () => reject(new Error('The code editor could not be loaded. Check your connection and reload the page.'));
    const start = () => {
      const amdRequire = target.require;
      if (!amdRequire) return failed();
      amdRequire.config({ paths: { vs: MONACO_BASE } });
      amdRequire(
        ['vs/editor/editor.main'],
        () => {
          const monaco = target.monaco;
          if (!monaco) return failed();
          configureLanguages(monaco);
          resolve(monaco);
        },
        failed,
      );
    };
    if (target.require?.config) return start();
    const script = document.createElement('script');
    script.src = `${MONACO_BASE}/loader.js`;
    script.async = true;
    script.onload = start;
    script.onerror = failed;
    document.head.appendChild(script);
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
