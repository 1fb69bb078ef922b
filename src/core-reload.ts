/**
 * Serving the knowledge base while maintainers edit it (`INTENTS_WATCH=1`). The core stays what
 * it is — pure, built once from one knowledge base — and the adapters hold one reference to a
 * {@link ReloadingCore} whose `respond` always asks the current core. A reload builds a whole new
 * core aside and swaps the reference only when it is valid, so a bad edit is reported with
 * `file:line` and the last good knowledge base keeps answering.
 */
import { readdirSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Core } from "./core.ts";
import type { Respond } from "./dialogue/respond.ts";
import { KnowledgeError } from "./knowledge/errors.ts";
import { describeError } from "./logger.ts";

// === The swappable core

/** What a reload did: the new core, or why the current one was kept. */
export type ReloadResult = { ok: true; core: Core } | { ok: false; error: unknown };

/** A core whose knowledge base can be replaced while it serves. Read `kb` and `matcher` per use, not once. */
export interface ReloadingCore extends Core {
  /** Builds a new core with `load`; swaps it in when valid, keeps the current one otherwise. Never throws. */
  reload(): ReloadResult;
}

/**
 * Wraps a core so it can be reloaded.
 * @param initial the core built at start-up (start-up fails on a bad knowledge base; reloads do not)
 * @param load builds a fresh core from disk; throws `KnowledgeError` on bad content
 * @example
 * const core = createReloadingCore(loadCore(options), () => loadCore(options));
 * startTelegram(config, core); // answers with whatever core is current
 */
export function createReloadingCore(initial: Core, load: () => Core): ReloadingCore {
  let current = initial;
  const respond: Respond = (incoming) => current.respond(incoming);
  return {
    get kb() {
      return current.kb;
    },
    get matcher() {
      return current.matcher;
    },
    respond,
    reload() {
      try {
        current = load();
        return { ok: true, core: current };
      } catch (error) {
        return { ok: false, error };
      }
    },
  };
}

// === Watching the folder

/** Options of {@link watchKnowledge}. */
export interface WatchKnowledgeOptions {
  /** The knowledge-base folder (`INTENTS_DIR`); its subfolders are watched too. */
  dir: string;
  core: ReloadingCore;
  logger: Logger;
  /** Quiet time after the last change before reloading: editors write a file in several steps. */
  debounceMs?: number | undefined;
}

/** A running watcher. */
export interface KnowledgeWatcher {
  /** Stops watching (call on shutdown; open watchers keep the process alive). */
  close(): void;
}

/** Editor droppings (swap, backup and lock files) that are not content. */
const NOT_CONTENT = /(?:\.sw[a-p]|\.tmp|~)$|^\.#|^4913$/;

/** The folder and every folder below it; `[]` when it has gone. */
function foldersUnder(dir: string): string[] {
  try {
    const below = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => foldersUnder(join(dir, entry.name)));
    return [dir, ...below];
  } catch {
    return [];
  }
}

/**
 * Reloads the core whenever a file under `dir` changes, after `debounceMs` of quiet. Logs
 * `knowledge.reloaded` on success and `knowledge.rejected` (error level, every problem with file,
 * line and column) when the edit is bad; the previous knowledge base keeps serving then.
 */
export function watchKnowledge({ dir, core, logger, debounceMs = 200 }: WatchKnowledgeOptions): KnowledgeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function reload(): void {
    const started = Date.now();
    const result = core.reload();
    if (result.ok) {
      const kb = result.core.kb;
      logger.info({ event: "knowledge.reloaded", dir, intents: kb.intents.length, ms: Date.now() - started });
      return;
    }
    if (result.error instanceof KnowledgeError) {
      const problems = result.error.problems.map(({ file, line, col, path, message }) => ({ file, line, col, path, message }));
      const first = problems[0];
      logger.error({
        event: "knowledge.rejected",
        kept: "last_good",
        where: first ? `${first.file}:${first.line}:${first.col}` : dir,
        problems,
      });
    } else {
      logger.error({ event: "knowledge.rejected", kept: "last_good", where: dir, err: describeError(result.error) });
    }
  }

  /** Watches folders that appeared and forgets those that went. */
  function syncFolders(): void {
    const now = new Set(foldersUnder(dir));
    for (const [folder, watcher] of watchers) {
      if (!now.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of now) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          if (name && NOT_CONTENT.test(String(name))) return;
          schedule();
        });
        watcher.on("error", () => {
          // The folder went away (or inotify gave up on it): rescan on the next change.
          watcher.close();
          watchers.delete(folder);
          schedule();
        });
        watchers.set(folder, watcher);
      } catch (error) {
        logger.warn({ event: "knowledge.watch_failed", folder, err: describeError(error) });
      }
    }
  }

  function schedule(): void {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (closed) return;
      syncFolders();
      reload();
    }, debounceMs);
  }

  syncFolders();
  logger.info({ event: "knowledge.watching", dir, folders: watchers.size });
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
