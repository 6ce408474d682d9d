import { watch, type FSWatcher } from 'node:fs';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import { loadRuleDirectory, NON_RULE_FILES, type LoadResult } from './loader';

export interface RuleWatcher {
  close(): void;
}

/**
 * Reloads rules/ when a rule file changes (fs.watch, debounced: editors write in bursts).
 * Every reload hands over the good rules and the errors; the caller keeps running on the last
 * good set for rules that now fail (RuleEngine.replaceRules keeps unchanged rules' state).
 */
export function watchRuleDirectory(
  dir: string,
  onReload: (result: LoadResult) => void,
  opts: { debounceMs?: number; catalogue?: CatalogueIndex } = {},
): RuleWatcher {
  const debounceMs = opts.debounceMs ?? 250;
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, (_event, file) => {
    const name = file?.toString();
    if (name && (!/\.ya?ml$/.test(name) || NON_RULE_FILES.has(name))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onReload(loadRuleDirectory(dir, opts.catalogue));
    }, debounceMs);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
