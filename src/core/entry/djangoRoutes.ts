// Django urlpatterns (path/re_path/url with nested include()) and DRF routers with viewsets.
// Filled in by a later step; the orchestrator already calls it.
import type { Tree } from 'web-tree-sitter';
import type { ModuleIndex } from './resolveModule';
import type { EntryPoint } from './types';

export interface DjangoFacts {
  files: { file: string }[];
}

export function detectDjango(_tree: Tree, _file: string, _modules: ModuleIndex, _facts: DjangoFacts): void {
  /* see linkDjango */
}

export function linkDjango(_facts: DjangoFacts): EntryPoint[] {
  return [];
}
