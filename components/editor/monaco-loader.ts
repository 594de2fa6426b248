import { loader } from '@monaco-editor/react';
import type * as MonacoNamespace from 'monaco-editor';
import { EditorStartGate } from '@/lib/editor/editor-start-gate';
import { LanguageWorkerGate } from '@/lib/editor/language-worker-gate';

export type Monaco = typeof MonacoNamespace;

/** Our own copy, served by this app (scripts/copy-monaco.mjs), never a CDN. */
export const MONACO_BASE = '/monaco/vs';

// Before any Editor or DiffEditor mounts: the loader's default is a CDN.
loader.config({ paths: { vs: MONACO_BASE } });

/** Import from here, not from the package, so the loader is configured first. */
export { DiffEditor, Editor } from '@monaco-editor/react';

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

/**
 * Language workers start once the workbench has been quiet this long (or at once when the person uses the editor):
 * long enough to see the Run or the agent's first command that follows a page load.
 */
const LANGUAGE_WORKER_QUIET_MS = 2000;

/** One per page, as Monaco is; the workbench reports when it is busy and when the person uses the editor. */
export const languageWorkers = new LanguageWorkerGate(LANGUAGE_WORKER_QUIET_MS);

/** Longer than the gap between a reply's first piece and its tool calls starting; short enough not to be seen. */
const EDITOR_START_QUIET_MS = 150;
/** Long enough for a fast step's writes and the command after them to be sent. */
const EDITOR_START_MAX_WAIT_MS = 1000;

/** One per page; the agent's chat reports when it is busy, the editor pane when the person uses the code. */
export const editorStart = new EditorStartGate(EDITOR_START_QUIET_MS, EDITOR_START_MAX_WAIT_MS);

function holdLanguageWorkers(): void {
  const environment = globalThis.MonacoEnvironment;
  const create = environment?.getWorker?.bind(environment);
  if (!environment || !create) return;
  environment.getWorker = languageWorkers.gateWorkerFactory(create);
}

let loading: Promise<Monaco> | null = null;

/**
 * Monaco on demand, through @monaco-editor/react's loader. Its editor.main sets
 * `self.MonacoEnvironment.getWorker` to blob workers that importScripts the hashed worker files
 * under /monaco/vs/assets, so workers come from this origin too.
 */
export function loadMonaco(): Promise<Monaco> {
  if (loading) return loading;
  loading = Promise.resolve(loader.init()).then(
    (monaco: Monaco) => {
      holdLanguageWorkers();
      configureLanguages(monaco);
      return monaco;
    },
    () => {
      throw new Error('The code editor could not be loaded. Check your connection and reload the page.');
    },
  );
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
