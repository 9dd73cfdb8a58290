import type { Consent, Withdrawal } from './types';

/** A decision waiting for the ledger's receipt, with the visitor it belongs to. */
export interface Item {
  id: string;
  visitorId: string;
  consent?: Consent;
  withdrawal?: Withdrawal;
}

export interface Queue {
  items(): Item[];
  /** Adds the item unless one with its id is there; answers the items dropped to make room. */
  add(item: Item): Item[];
  remove(id: string): void;
}

/**
 * The decisions not yet delivered, kept in `storage` so that a reload or a closed tab does not lose them. Read
 * again before each change, because other tabs of the site share it; kept in memory alone when storage fails.
 */
export function createQueue(storage: Storage | undefined, key: string, max: number): Queue {
  let memory: Item[] = [];
  let broken = !storage;

  const items = (): Item[] => {
    if (!broken) {
      let text: string | null = null;
      try {
        text = storage!.getItem(key);
      } catch {
        broken = true;
        return memory.slice();
      }
      memory = parse(text);
    }
    return memory.slice();
  };

  const write = (list: Item[]): void => {
    memory = list;
    if (broken) return;
    try {
      if (list.length) storage!.setItem(key, JSON.stringify(list));
      else storage!.removeItem(key);
    } catch {
      broken = true;
    }
  };

  return {
    items,
    add(item) {
      const list = items();
      if (list.some((i) => i.id === item.id)) return [];
      list.push(item);
      const dropped = list.splice(0, Math.max(0, list.length - max));
      write(list);
      return dropped;
    },
    remove(id) {
      const list = items();
      const rest = list.filter((i) => i.id !== id);
      if (rest.length !== list.length) write(rest);
    },
  };
}

/** What the storage holds, without what is not an item: another script may have written under the key. */
function parse(text: string | null): Item[] {
  try {
    const stored = JSON.parse(text || '[]');
    return Array.isArray(stored) ? stored.filter((i) => i && typeof i.id === 'string') : [];
  } catch {
    return [];
  }
}
